#!/usr/bin/env bash
# Starts a single-node KubeSharp cluster on this machine (as root): installs the packages it needs,
# builds the `kubesharp` binary and the offline images, then runs `kubesharp server` (API server on
# embedded SQLite, controllers, scheduler and a node agent) in the background.
#
#   bash scripts/run-cluster.sh            # data in /var/lib/kubesharp, API on https://127.0.0.1:6443
#   export KUBECONFIG=/var/lib/kubesharp/kubeconfig.yaml
#
# Environment: KUBESHARP_DATA_DIR, KUBESHARP_PORT, KUBESHARP_ARGS (extra server flags).
# Stop it with: kill "$(cat /var/lib/kubesharp/server.pid)"
set -euo pipefail
cd "$(dirname "$0")/.."
data=${KUBESHARP_DATA_DIR:-/var/lib/kubesharp}
port=${KUBESHARP_PORT:-6443}
bash scripts/install-deps.sh
mkdir -p "$data/agent/images" /opt/kubesharp
echo "building kubesharp ..."
dotnet publish src/KubeSharp -c Release -o /opt/kubesharp -v quiet -nologo >/dev/null
ln -sf /opt/kubesharp/kubesharp /usr/local/bin/kubesharp
echo "building offline images ..."
KUBESHARP_IMAGE_DEB_CACHE=${KUBESHARP_IMAGE_DEB_CACHE:-/var/cache/kubesharp/debs} bash images/build.sh "$data/agent/images" >/dev/null
if [ -f "$data/server.pid" ] && kill -0 "$(cat "$data/server.pid")" 2>/dev/null; then
  echo "stopping the running server (pid $(cat "$data/server.pid"))"
  kill "$(cat "$data/server.pid")"
  while kill -0 "$(cat "$data/server.pid")" 2>/dev/null; do sleep 0.2; done
fi
rm -f "$data/kubeconfig.yaml"
# shellcheck disable=SC2086
nohup /opt/kubesharp/kubesharp server --data-dir "$data" --https-listen-port "$port" ${KUBESHARP_ARGS:-} \
  >"$data/server.log" 2>&1 &
echo $! >"$data/server.pid"
for _ in $(seq 1 300); do
  if [ -f "$data/kubeconfig.yaml" ] && KUBECONFIG="$data/kubeconfig.yaml" kubectl get --raw /readyz >/dev/null 2>&1; then
    echo "kubesharp is up (pid $(cat "$data/server.pid"), log $data/server.log)"
    echo "export KUBECONFIG=$data/kubeconfig.yaml"
    exit 0
  fi
  kill -0 "$(cat "$data/server.pid")" 2>/dev/null || { echo "kubesharp server exited:"; tail -n 50 "$data/server.log"; exit 1; }
  sleep 0.2
done
echo "kubesharp did not become ready in 60 s; see $data/server.log"
exit 1
