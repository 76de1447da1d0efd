#!/bin/sh
# Installs the Debian 12 packages hoso needs to build, run and test,
# skipping those already present.  Run as root (or with sudo).
set -eu
pkgs="build-essential pkg-config gettext
libevent-dev liblmdb-dev lmdb-utils libprotobuf-c-dev protobuf-c-compiler
libutf8proc-dev libical-dev libsodium-dev libssl-dev protobuf-compiler python3 python3-protobuf
valgrind clang iproute2 libsystemd-dev redis-server redis-tools groff-base strace
libgtk-4-dev xvfb xauth dbus-x11 at-spi2-core python3-dogtail python3-gi gir1.2-gtk-4.0
imagemagick fonts-noto-core"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "install-deps: everything is already installed"
	exit 0
fi
echo "install-deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
