#!/usr/bin/env bash
# Proves the example XMLs end to end against qemu:///system: pool + volumes +
# isolated network + NoCloud seed ISO, boots the test guest for each arch,
# checks the four STACKGATE-GUEST lines, then removes everything again.
# Usage: smoke-test.sh [x86_64] [aarch64]     (default: both, one after the other)
# Needs setup-host.sh to have run.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
V="virsh -q -c qemu:///system"
TIMEOUT="${SMOKE_TIMEOUT:-240}"
ARCHES=("$@"); ((${#ARCHES[@]})) || ARCHES=(x86_64 aarch64)
WORK="$(mktemp -d)"

cleanup() {
  set +e
  for n in sg-test-x86 sg-test-arm; do
    $V domstate "$n" >/dev/null 2>&1 || continue
    $V destroy "$n" >/dev/null 2>&1
    $V undefine --nvram "$n" >/dev/null 2>&1
  done
  if $V pool-info stackgate >/dev/null 2>&1; then
    for vol in sg-test-x86.qcow2 sg-test-arm.qcow2 sg-test-x86-seed.iso sg-test-arm-seed.iso sg-base.qcow2; do
      $V vol-delete --pool stackgate "$vol" >/dev/null 2>&1
    done
    $V pool-destroy stackgate >/dev/null 2>&1
    $V pool-delete stackgate >/dev/null 2>&1
    $V pool-undefine stackgate >/dev/null 2>&1
  fi
  $V net-destroy sg-test >/dev/null 2>&1
  $V net-undefine sg-test >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
cleanup; WORK="$(mktemp -d)"

$V pool-define "$HERE/pool.xml" >/dev/null
$V pool-build stackgate >/dev/null
$V pool-start stackgate >/dev/null
$V vol-create stackgate "$HERE/volume-base.xml" >/dev/null
$V net-define "$HERE/network.xml" >/dev/null
$V net-start sg-test >/dev/null

fail=0
for arch in "${ARCHES[@]}"; do
  case "$arch" in x86_64) name=sg-test-x86 ;; aarch64) name=sg-test-arm ;; *) echo "unknown arch $arch"; exit 2 ;; esac
  log="/var/log/stackgate/$name.console.log"
  sed "s/sg-test-x86.qcow2/$name.qcow2/" "$HERE/volume.xml" >"$WORK/vol.xml"
  $V vol-create stackgate "$WORK/vol.xml" >/dev/null

  mkdir -p "$WORK/seed-$arch"
  printf 'instance-id: %s-1\nlocal-hostname: %s-host\n' "$name" "$name" >"$WORK/seed-$arch/meta-data"
  printf '#cloud-config\n# stackgate smoke test %s %s\nruncmd: [echo hi]\n' "$name" "$(date +%s%N)" >"$WORK/seed-$arch/user-data"
  want_sha="$(sha256sum "$WORK/seed-$arch/user-data" | cut -d' ' -f1)"
  genisoimage -quiet -output "$WORK/$name-seed.iso" -volid cidata -joliet -rock \
    "$WORK/seed-$arch/user-data" "$WORK/seed-$arch/meta-data"
  $V vol-create-as stackgate "$name-seed.iso" "$(stat -c %s "$WORK/$name-seed.iso")" --format raw >/dev/null
  $V vol-upload --pool stackgate "$name-seed.iso" "$WORK/$name-seed.iso"

  rm -f "$log"
  $V define "$HERE/domain-$arch.xml" >/dev/null
  t0=$(date +%s.%N)
  $V start "$name" >/dev/null
  ok=0; th=""
  for _ in $(seq $((TIMEOUT * 5))); do
    [[ -n "$th" ]] || ! grep -q '^STACKGATE-GUEST hostname=' "$log" 2>/dev/null || th=$(date +%s.%N)
    if grep -q '^STACKGATE-GUEST ready' "$log" 2>/dev/null; then ok=1; break; fi
    sleep 0.2
  done
  t1=$(date +%s.%N)
  el() { awk -v a="$t0" -v b="${1:-$t0}" 'BEGIN{printf "%.1f", b-a}'; }
  lines="$(grep -a '^STACKGATE-GUEST' "$log" | tr -d '\r' || true)"
  echo "== $arch ($name): start -> hostname line $(el "$th") s, -> ready $(el "$t1") s"
  echo "$lines" | sed 's/^/   /'
  addr="$(echo "$lines" | sed -n 's/^STACKGATE-GUEST address=//p')"
  if [[ $ok == 1 ]] \
     && echo "$lines" | grep -qx "STACKGATE-GUEST hostname=$name-host" \
     && echo "$lines" | grep -qx "STACKGATE-GUEST user-data-sha256=$want_sha" \
     && [[ "$addr" =~ ^10\.77\.0\.1[0-9][0-9]$ ]]; then
    lease="$($V net-dhcp-leases sg-test | grep -c "$addr" || true)"
    echo "   OK (lease for $addr in net-dhcp-leases: $lease)"
  else
    echo "   FAILED; console log follows"; tail -n 40 "$log"; fail=1
  fi
  # ACPI power button (virsh shutdown) -> guest powers off.
  ts=$(date +%s.%N); $V shutdown "$name" >/dev/null
  for _ in $(seq 150); do [[ "$($V domstate "$name")" == "shut off" ]] && break; sleep 0.2; done
  echo "   virsh shutdown -> $($V domstate "$name") after $(awk -v a="$ts" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
  [[ "$($V domstate "$name")" == "shut off" ]] || $V destroy "$name" >/dev/null
  $V undefine --nvram "$name" >/dev/null
done
exit $fail
