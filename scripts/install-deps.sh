#!/usr/bin/env bash
# Installs what KubeSharp needs on a fresh Debian 12 machine (as root): container runtime, CNI,
# nftables, image tools (gcc for pause), etcd (for the HA store's tests), the official Python client and curl.
# Idempotent: skips apt when everything is already present.
set -euo pipefail
pkgs=(containerd runc containernetworking-plugins iptables nftables conntrack iproute2
      python3-kubernetes etcd-server etcd-client umoci skopeo busybox-static docker-registry gcc curl)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
