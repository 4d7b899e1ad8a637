#!/usr/bin/env bash
# Brings up a real libvirtd (QEMU driver, software emulation/TCG) on this
# machine and builds the Stackgate test guest. Idempotent: safe to run again
# and again; fast (<2 s) when everything is already there. Run as root on
# Debian 12 (no systemd needed: the daemons are started with -d).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
URI="qemu:///system"
log() { [[ "${QUIET:-0}" == 1 ]] || echo "$@"; }

if [[ $EUID -ne 0 ]]; then echo "setup-host.sh: must run as root" >&2; exit 1; fi

# 1. Packages (only those missing).
PKGS=(libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-system-arm
      qemu-efi-aarch64 qemu-utils libvirt-clients dnsmasq-base iptables genisoimage
      busybox-static cpio gzip xz-utils zstd kmod procps)
missing=()
for p in "${PKGS[@]}"; do
  st="$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)"
  [[ "$st" == installed ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup-host: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. The user libvirt's QEMU driver looks up at start, before it reads qemu.conf.
getent group kvm >/dev/null || groupadd -r kvm
getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
id -u libvirt-qemu >/dev/null 2>&1 || \
  useradd -r -g kvm -M -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu

# 3. qemu.conf: QEMU runs as root:root without dynamic ownership changes, so it
#    can read kernels/initrds/ISOs/disks under /var/lib/stackgate and
#    /var/cache/stackgate whatever their owner, and libvirt never chowns them.
QCONF=/etc/libvirt/qemu.conf
mkdir -p /etc/libvirt
MARK="# stackgate: managed block"
if [[ ! -f "$QCONF" ]] || ! grep -qF "$MARK" "$QCONF"; then
  cat >>"$QCONF" <<CONF

$MARK (deploy/libvirt/setup-host.sh)
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
CONF
  conf_changed=1
else
  conf_changed=0
fi

mkdir -p /etc/libvirt /var/log/libvirt /var/log/stackgate /var/lib/stackgate /var/lib/libvirt/qemu/nvram

# 4. Daemons. A killed daemon can linger as a zombie until PID 1 reaps it, and
#    pgrep still lists zombies: only a live process counts as running.
live_pids() { # live_pids NAME -> PIDs of NAME that are not zombies
  local p
  for p in $(pgrep -x "$1" || true); do
    [[ "$(awk '/^State:/{print $2}' "/proc/$p/status" 2>/dev/null)" =~ ^[^Z] ]] && echo "$p"
  done
  return 0
}
[[ -n "$(live_pids virtlogd)" ]] || virtlogd -d
if [[ $conf_changed == 1 && -n "$(live_pids libvirtd)" ]]; then
  echo "setup-host: qemu.conf changed, restarting libvirtd"
  kill $(live_pids libvirtd)
  for _ in $(seq 100); do [[ -n "$(live_pids libvirtd)" ]] || break; sleep 0.1; done
fi
[[ -n "$(live_pids libvirtd)" ]] || libvirtd -d

# 5. Wait (max 30 s) until the system URI answers.
ok=0
for _ in $(seq 150); do
  if virsh -c "$URI" version >/dev/null 2>&1; then ok=1; break; fi
  sleep 0.2
done
if [[ $ok != 1 ]]; then echo "setup-host: libvirtd did not answer on $URI within 30 s" >&2; exit 1; fi

# 6. Test guest (kernel + initramfs per arch), cached.
"$HERE/build-test-guest.sh"

GUEST_DIR="${STACKGATE_TEST_GUEST_DIR:-/var/cache/stackgate/test-guest}"
ver="$(virsh -c "$URI" version 2>/dev/null | awk '/Using library/{l=$NF} /Running hypervisor/{h=$NF} END{print "libvirt " l ", QEMU " h}')"
log "setup-host: $ver on $URI (TCG only: use <domain type='qemu'>); test guest in $GUEST_DIR/{x86_64,aarch64}"
