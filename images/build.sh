#!/usr/bin/env bash
# Builds KubeSharp's offline container images as docker-archive tarballs that
# `ctr -n k8s.io images import` (and the node agent's image import) accept.
#
#   images/build.sh OUT_DIR [IMAGE...]     IMAGE: pause busybox nginx redis haproxy (default: all)
#
# No registry is contacted: pause is compiled here, busybox comes from Debian's busybox-static, and the
# application images are assembled from Debian packages (apt-get download) plus the shared libraries
# their binaries load. Needs gcc, umoci, skopeo, busybox-static (scripts/install-deps.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: images/build.sh OUT_DIR [IMAGE...]}
shift
images=("$@")
[ ${#images[@]} -gt 0 ] || images=(pause busybox nginx redis haproxy)
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Downloaded .deb files are kept between runs.
debs=${KUBESHARP_IMAGE_DEB_CACHE:-$out/.debs}

# package_image ROOTFS ARCHIVE_NAME "REF [REF...]" UMOCI_CONFIG_ARGS...
# Turns a root filesystem directory into OUT_DIR/ARCHIVE_NAME.tar tagged with every REF.
package_image() {
  local rootfs=$1 name=$2 refs=($3)
  shift 3
  local layout="$work/oci-$name"
  umoci init --layout "$layout"
  umoci new --image "$layout:build"
  umoci insert --image "$layout:build" "$rootfs" /
  umoci config --image "$layout:build" --os linux --architecture amd64 "$@"
  local extra=()
  for ref in "${refs[@]:1}"; do extra+=(--additional-tag "$ref"); done
  rm -f "$out/$name.tar"
  skopeo copy --quiet "${extra[@]}" "oci:$layout:build" "docker-archive:$out/$name.tar:${refs[0]}"
  echo "built $out/$name.tar: ${refs[*]}"
}

# A minimal /etc so user lookups and name resolution work.
base_etc() {
  local rootfs=$1
  mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/root" "$rootfs/var/run"
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
}

build_pause() {
  local rootfs="$work/rootfs-pause"
  mkdir -p "$rootfs"
  gcc -static -Os -Wall -Wextra -Werror -o "$rootfs/pause" "$here/pause/pause.c"
  strip "$rootfs/pause"
  package_image "$rootfs" pause "registry.k8s.io/pause:3.10 registry.k8s.io/pause:latest docker.io/kubesharp/pause:3.10" \
    --config.entrypoint /pause --config.user 65535:65535
}

# Installs the static busybox and a link for each of its applets.
install_busybox() {
  local rootfs=$1
  mkdir -p "$rootfs/bin" "$rootfs/sbin" "$rootfs/usr/bin" "$rootfs/usr/sbin"
  cp /bin/busybox "$rootfs/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list-full); do
    [ -e "$rootfs/$applet" ] || ln -s /bin/busybox "$rootfs/$applet"
  done
}

build_busybox() {
  local rootfs="$work/rootfs-busybox"
  install_busybox "$rootfs"
  base_etc "$rootfs"
  package_image "$rootfs" busybox \
    "docker.io/library/busybox:latest docker.io/library/busybox:1.36 docker.io/library/busybox:1.35 docker.io/library/busybox:1.28" \
    --config.cmd sh --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
}

for image in "${images[@]}"; do
  case $image in
    pause) build_pause ;;
    busybox) build_busybox ;;
    nginx|redis|haproxy) "build_$image" ;;
    *) echo "unknown image: $image" >&2; exit 2 ;;
  esac
done
