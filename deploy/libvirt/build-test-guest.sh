#!/usr/bin/env bash
# Builds the Stackgate test guest from Debian packages only (apt-get download +
# dpkg-deb -x): for each arch a Debian kernel and a small busybox initramfs
# whose /init reads the NoCloud seed (ISO9660 label "cidata"), prints
#   STACKGATE-GUEST hostname=<local-hostname>
#   STACKGATE-GUEST user-data-sha256=<hex>
#   STACKGATE-GUEST address=<ipv4>|none
#   STACKGATE-GUEST ready
# on the serial console and then stays up.
#
# Output: ${STACKGATE_TEST_GUEST_DIR:-/var/cache/stackgate/test-guest}/<arch>/{vmlinuz,initrd.img}
#         for arch in x86_64 aarch64 (plus kernel-version, modules.txt, .build-hash).
# Cached: an arch is rebuilt only if its outputs are missing or this script changed.
# Packages are fetched with a private apt configuration per Debian arch
# (APT::Architecture=amd64|arm64, own lists/cache/status), using the machine's
# own apt sources, so no multiarch setup is needed.
set -euo pipefail

OUT="${STACKGATE_TEST_GUEST_DIR:-/var/cache/stackgate/test-guest}"
APT_BASE="${STACKGATE_TEST_GUEST_APT_DIR:-/var/cache/stackgate/apt}"
SELF="$(readlink -f "${BASH_SOURCE[0]}")"
HASH="$(sha256sum "$SELF" | cut -d' ' -f1)"
ARCHES=(${STACKGATE_TEST_GUEST_ARCHES:-x86_64 aarch64})

# Kernel modules the guest needs (whatever of these is modular in Debian's
# kernel is packed with its dependencies; the rest is built in):
#   virtio PCI transport, net, block, SCSI (aarch64 cdrom), SATA/AHCI (x86_64 q35 cdrom),
#   SCSI disk/cdrom, ISO9660, the net_failover/failover pair virtio_net needs, and
#   the power button (ACPI button / gpio-keys + evdev) so "virsh shutdown" powers off.
WANT_MODULES=(virtio virtio_ring virtio_pci virtio_pci_modern_dev virtio_pci_legacy_dev
  virtio_mmio virtio_net net_failover failover virtio_blk virtio_scsi virtio_console virtio_rng
  scsi_mod scsi_common sd_mod sr_mod cdrom libata libahci ahci isofs af_packet crc32c_generic
  button evdev gpio_keys gpio_pl061)

need() { command -v "$1" >/dev/null || { echo "build-test-guest: missing command $1" >&2; exit 1; }; }
for c in apt-get dpkg-deb depmod cpio gzip xz zstd sha256sum; do need "$c"; done

debarch() { case "$1" in x86_64) echo amd64 ;; aarch64) echo arm64 ;; *) echo "unknown arch $1" >&2; exit 1 ;; esac; }

# apt with a private state for one Debian architecture.
papt() { # papt <debarch> <apt-get|apt-cache> args...
  local da="$1" tool="$2"; shift 2
  local d="$APT_BASE/$da"
  "$tool" -q \
    -o APT::Architecture="$da" -o APT::Architectures::="$da" \
    -o Dir::State="$d/state" -o Dir::State::Lists="$d/state/lists" \
    -o Dir::State::status="$d/state/status" \
    -o Dir::Cache="$d/cache" -o Dir::Cache::archives="$d/cache/archives" \
    -o APT::Sandbox::User=root \
    -o Debug::NoLocking=1 \
    "$@"
}

build_arch() {
  local arch="$1" da; da="$(debarch "$arch")"
  local dest="$OUT/$arch"
  if [[ -s "$dest/vmlinuz" && -s "$dest/initrd.img" && -f "$dest/.build-hash" \
        && "$(cat "$dest/.build-hash")" == "$HASH" ]]; then
    return 0
  fi
  echo "build-test-guest: building $arch ($da) into $dest"
  local ad="$APT_BASE/$da"
  mkdir -p "$ad/state/lists/partial" "$ad/cache/archives/partial"
  touch "$ad/state/status"
  papt "$da" apt-get update -qq >/dev/null

  local kmeta="linux-image-$da" kpkg
  kpkg="$(papt "$da" apt-cache depends "$kmeta" | awk '/^  Depends: linux-image-/{print $2; exit}')"
  [[ -n "$kpkg" ]] || { echo "build-test-guest: cannot resolve $kmeta" >&2; exit 1; }

  local work; work="$(mktemp -d "${TMPDIR:-/tmp}/sg-guest-$arch.XXXXXX")"
  WORKDIRS+=("$work")
  ( cd "$work" && papt "$da" apt-get download -qq "$kpkg" busybox-static >/dev/null )
  mkdir -p "$work/k" "$work/bb"
  dpkg-deb -x "$work"/linux-image-*.deb "$work/k"
  dpkg-deb -x "$work"/busybox-static_*.deb "$work/bb"

  local kver; kver="$(ls "$work/k/lib/modules" | head -1)"
  local mdir="$work/k/lib/modules/$kver"
  local vmlinuz="$work/k/boot/vmlinuz-$kver"
  [[ -s "$vmlinuz" ]] || { echo "build-test-guest: no kernel in $kpkg" >&2; exit 1; }
  # The .deb has no modules.dep (depmod runs at install): make it for the unpacked tree.
  [[ -s "$mdir/modules.dep" ]] || depmod -b "$work/k" "$kver"

  # Resolve modules (with deps, from the package's modules.dep) in load order.
  declare -A path_of=() deps_of=() seen=()
  local line mod_path deps name
  while IFS= read -r line; do
    mod_path="${line%%:*}"; deps="${line#*:}"
    name="$(basename "$mod_path")"; name="${name%%.ko*}"; name="${name//-/_}"
    path_of[$name]="$mod_path"; deps_of[$name]="$deps"
  done <"$mdir/modules.dep"
  declare -A builtin=()
  while IFS= read -r line; do
    name="$(basename "$line")"; name="${name%%.ko*}"; builtin[${name//-/_}]=1
  done <"$mdir/modules.builtin"
  local order=()
  visit() {
    local n="$1" d dn
    [[ -n "${seen[$n]:-}" ]] && return 0
    seen[$n]=1
    for d in ${deps_of[$n]:-}; do
      dn="$(basename "$d")"; dn="${dn%%.ko*}"; visit "${dn//-/_}"
    done
    order+=("$n")
  }
  local m
  for m in "${WANT_MODULES[@]}"; do
    if [[ -n "${path_of[$m]:-}" ]]; then visit "$m"; fi
  done

  # initramfs tree
  local root="$work/root"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,etc,mnt/seed,lib/modules}
  cp "$work/bb/bin/busybox" "$root/bin/busybox"
  mknod -m 600 "$root/dev/console" c 5 1
  mknod -m 666 "$root/dev/null" c 1 3
  : >"$root/lib/modules/load-order"
  for m in "${order[@]}"; do
    local src="$mdir/${path_of[$m]}" dst="$root/lib/modules/$m.ko"
    case "$src" in
      *.ko.xz) xz -dc "$src" >"$dst" ;;
      *.ko.zst) zstd -qdc "$src" >"$dst" ;;
      *.ko.gz) gzip -dc "$src" >"$dst" ;;
      *) cp "$src" "$dst" ;;
    esac
    echo "$m" >>"$root/lib/modules/load-order"
  done

  cat >"$root/etc/udhcpc.script" <<'SCRIPT'
#!/bin/sh
# busybox udhcpc hook: apply the lease with ip(8).
case "$1" in
  deconfig)
    ip -4 addr flush dev "$interface"
    ip link set "$interface" up ;;
  bound|renew)
    ip -4 addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    if [ -n "$router" ]; then
      ip route add default via "${router%% *}" dev "$interface" 2>/dev/null || true
    fi
    echo "$ip" >/run/address ;;
esac
exit 0
SCRIPT
  chmod 755 "$root/etc/udhcpc.script"

  cat >"$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
# Keep the console for our lines: only kernel errors from here on.
echo "3 4 1 3" >/proc/sys/kernel/printk

say() { echo "STACKGATE-GUEST $*"; }

for m in $(cat /lib/modules/load-order); do
  insmod "/lib/modules/$m.ko" 2>/dev/null || echo "stackgate-init: insmod $m failed"
done

# NoCloud seed: the ISO9660 filesystem labelled cidata.
seed=""
i=0
while [ -z "$seed" ] && [ $i -lt 30 ]; do
  for dev in /dev/sr* /dev/vd* /dev/sd*; do
    [ -b "$dev" ] || continue
    if mount -t iso9660 -o ro "$dev" /mnt/seed 2>/dev/null; then
      if [ -f /mnt/seed/meta-data ]; then seed="$dev"; break; fi
      umount /mnt/seed
    fi
  done
  [ -n "$seed" ] || { sleep 1; i=$((i + 1)); }
done

if [ -n "$seed" ]; then
  hn="$(sed -n 's/^local-hostname:[[:space:]]*//p' /mnt/seed/meta-data | head -n 1 | tr -d "\r\"' \t")"
  if [ -f /mnt/seed/user-data ]; then
    uds="$(sha256sum /mnt/seed/user-data | cut -d' ' -f1)"
  else
    uds=none
  fi
else
  echo "stackgate-init: no cidata seed found"
  hn=""
  uds=none
fi
[ -n "$hn" ] && hostname "$hn"
say "hostname=${hn:-none}"
say "user-data-sha256=$uds"

ip link set lo up
i=0
while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 20 ]; do sleep 1; i=$((i + 1)); done
addr=none
if [ -e /sys/class/net/eth0 ]; then
  ip link set eth0 up
  # ~60 s: 20 discovers, 3 s apart; quit once bound.
  if udhcpc -i eth0 -s /etc/udhcpc.script -t 20 -T 3 -n -q -f >/dev/null 2>&1 && [ -s /run/address ]; then
    addr="$(cat /run/address)"
  fi
fi
say "address=$addr"
say "ready"

# Power button -> poweroff (busybox acpid reads /dev/input/event*; PID 1 is this
# shell, so power off with -f instead of signalling init).
mkdir -p /etc/acpi/PWRF
printf '#!/bin/sh\necho "STACKGATE-GUEST poweroff"\nsync\npoweroff -f\n' >/etc/acpi/PWRF/00000080
chmod 755 /etc/acpi/PWRF/00000080
acpid -c /etc/acpi -l /run/acpid.log -p /run/acpid.pid 2>/dev/null || true

while :; do sleep 3600; done
INIT
  chmod 755 "$root/init"

  mkdir -p "$dest"
  ( cd "$root" && find . -print0 | cpio --null -o -H newc --owner=0:0 --quiet ) | gzip -9 >"$dest/initrd.img.tmp"
  cp "$vmlinuz" "$dest/vmlinuz.tmp"
  mv "$dest/initrd.img.tmp" "$dest/initrd.img"
  mv "$dest/vmlinuz.tmp" "$dest/vmlinuz"
  echo "$kver ($kpkg)" >"$dest/kernel-version"
  printf '%s\n' "${order[@]}" >"$dest/modules.txt"
  echo "$HASH" >"$dest/.build-hash"
}

WORKDIRS=()
cleanup() { local w; for w in "${WORKDIRS[@]}"; do rm -rf "$w"; done; }
trap cleanup EXIT
for a in "${ARCHES[@]}"; do build_arch "$a"; done
