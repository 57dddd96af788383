#!/usr/bin/env bash
# Builds KubeSharp's offline container images as docker-archive tarballs that
# `ctr -n k8s.io images import` (and the node agent's image import) accept.
#
#   images/build.sh OUT_DIR [IMAGE...]     IMAGE: pause busybox nginx redis haproxy kubectl (default: all)
#
# No registry is contacted: pause is compiled here, busybox comes from Debian's busybox-static, and the
# application images are assembled from Debian packages (apt-get download) plus the shared libraries
# their binaries load. Needs gcc, umoci, skopeo, busybox-static (scripts/install-deps.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: images/build.sh OUT_DIR [IMAGE...]}
shift
images=("$@")
[ ${#images[@]} -gt 0 ] || images=(pause busybox nginx redis haproxy kubectl)
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

# fetch_packages STAGE PACKAGE... : downloads the packages, plus every library package they depend on
# (recursively) that this host lacks, and unpacks them all into STAGE.
fetch_packages() {
  local stage=$1
  shift
  local wanted=("$@") pkg
  for pkg in $(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
      --no-replaces --no-enhances "$@" 2>/dev/null | grep -E '^lib' | sort -u); do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || wanted+=("$pkg")
  done
  mkdir -p "$debs" "$stage"
  for pkg in "${wanted[@]}"; do
    if ! ls "$debs/${pkg}_"*.deb >/dev/null 2>&1; then
      (cd "$debs" && apt-get download -qq "$pkg" 2>/dev/null)
    fi
    dpkg -x "$(ls "$debs/${pkg}_"*.deb | tail -n 1)" "$stage"
  done
}

# install_binaries STAGE ROOTFS PATH... : copies the binaries (paths inside STAGE) and every shared library
# they load, resolved against STAGE first and then the host, to the same paths in ROOTFS.
install_binaries() {
  local stage=$1 rootfs=$2 binary lib
  shift 2
  local libpath="$stage/usr/lib/x86_64-linux-gnu:$stage/lib/x86_64-linux-gnu"
  for binary in "$@"; do
    mkdir -p "$rootfs/$(dirname "$binary")"
    cp -a "$stage/$binary" "$rootfs/$binary"
    if LD_LIBRARY_PATH=$libpath ldd "$stage/$binary" | grep -q 'not found'; then
      echo "unresolved libraries for $binary:" >&2
      LD_LIBRARY_PATH=$libpath ldd "$stage/$binary" | grep 'not found' >&2
      exit 1
    fi
    for lib in $(LD_LIBRARY_PATH=$libpath ldd "$stage/$binary" | grep -oE '/[^ ]+' ); do
      local target=${lib#"$stage"}
      mkdir -p "$rootfs/$(dirname "$target")"
      cp -L "$lib" "$rootfs/$target"
    done
  done
  mkdir -p "$rootfs/etc"
  printf '/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n' >"$rootfs/etc/ld.so.conf"
  ldconfig -r "$rootfs"
}

app_rootfs() {
  local rootfs=$1
  install_busybox "$rootfs"
  base_etc "$rootfs"
}

build_nginx() {
  local stage="$work/stage-nginx" rootfs="$work/rootfs-nginx"
  fetch_packages "$stage" nginx
  app_rootfs "$rootfs"
  install_binaries "$stage" "$rootfs" usr/sbin/nginx
  printf 'nginx:x:101:101:nginx:/nonexistent:/bin/false\n' >>"$rootfs/etc/passwd"
  printf 'nginx:x:101:\n' >>"$rootfs/etc/group"
  # The compiled-in paths: temp directories and the error log opened before the config is read.
  mkdir -p "$rootfs/var/lib/nginx" "$rootfs/var/log/nginx" "$rootfs/etc/nginx/conf.d" "$rootfs/usr/share/nginx/html" "$rootfs/run"
  ln -sf /dev/stdout "$rootfs/var/log/nginx/access.log"
  ln -sf /dev/stderr "$rootfs/var/log/nginx/error.log"
  cp "$here/nginx/nginx.conf" "$here/nginx/mime.types" "$rootfs/etc/nginx/"
  cp "$here/nginx/default.conf" "$rootfs/etc/nginx/conf.d/"
  cp "$here/nginx/index.html" "$rootfs/usr/share/nginx/html/"
  package_image "$rootfs" nginx "docker.io/library/nginx:latest docker.io/library/nginx:1.22 docker.io/library/nginx:stable" \
    --config.cmd nginx --config.cmd=-g --config.cmd "daemon off;" --config.exposedports 80/tcp \
    --config.stopsignal SIGQUIT --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
}

build_redis() {
  local stage="$work/stage-redis" rootfs="$work/rootfs-redis"
  fetch_packages "$stage" redis-tools
  app_rootfs "$rootfs"
  install_binaries "$stage" "$rootfs" usr/bin/redis-check-rdb usr/bin/redis-cli
  ln -s redis-check-rdb "$rootfs/usr/bin/redis-server"
  ln -s redis-check-rdb "$rootfs/usr/bin/redis-sentinel"
  mkdir -p "$rootfs/data" "$rootfs/usr/local/bin"
  cp "$here/redis/docker-entrypoint.sh" "$rootfs/usr/local/bin/docker-entrypoint.sh"
  chmod 755 "$rootfs/usr/local/bin/docker-entrypoint.sh"
  package_image "$rootfs" redis "docker.io/library/redis:latest docker.io/library/redis:7 docker.io/library/redis:7.0" \
    --config.entrypoint /usr/local/bin/docker-entrypoint.sh --config.cmd redis-server --config.workingdir /data \
    --config.exposedports 6379/tcp --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
}

build_haproxy() {
  local stage="$work/stage-haproxy" rootfs="$work/rootfs-haproxy"
  fetch_packages "$stage" haproxy
  app_rootfs "$rootfs"
  install_binaries "$stage" "$rootfs" usr/sbin/haproxy
  mkdir -p "$rootfs/usr/local/etc/haproxy" "$rootfs/usr/local/bin" "$rootfs/var/lib/haproxy"
  cp "$here/haproxy/haproxy.cfg" "$rootfs/usr/local/etc/haproxy/haproxy.cfg"
  cp "$here/haproxy/docker-entrypoint.sh" "$rootfs/usr/local/bin/docker-entrypoint.sh"
  chmod 755 "$rootfs/usr/local/bin/docker-entrypoint.sh"
  package_image "$rootfs" haproxy "docker.io/library/haproxy:latest docker.io/library/haproxy:2.6" \
    --config.entrypoint /usr/local/bin/docker-entrypoint.sh --config.cmd haproxy --config.cmd=-f \
    --config.cmd /usr/local/etc/haproxy/haproxy.cfg --config.stopsignal SIGUSR1 \
    --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
}

# kubectl for pods that drive the cluster from inside (the leader-election example's elector): this
# machine's kubectl 1.32 binary (statically linked) on busybox. The Cloud SDK's `kubectl` is a
# dispatcher; the versioned binary beside it is the real one.
build_kubectl() {
  local rootfs="$work/rootfs-kubectl" binary
  if ! command -v kubectl >/dev/null; then
    echo "skipping the kubectl image: no kubectl on this machine" >&2
    return 0
  fi
  binary=$(readlink -f "$(command -v kubectl)")
  [ -x "$(dirname "$binary")/kubectl.1.32" ] && binary="$(dirname "$binary")/kubectl.1.32"
  app_rootfs "$rootfs"
  mkdir -p "$rootfs/usr/local/bin"
  cp "$binary" "$rootfs/usr/local/bin/kubectl"
  package_image "$rootfs" kubectl "docker.io/bitnami/kubectl:latest docker.io/bitnami/kubectl:1.32" \
    --config.entrypoint kubectl --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
}

for image in "${images[@]}"; do
  case $image in
    pause) build_pause ;;
    busybox) build_busybox ;;
    nginx|redis|haproxy|kubectl) "build_$image" ;;
    *) echo "unknown image: $image" >&2; exit 2 ;;
  esac
done
