#!/usr/bin/env bash
# Builds kube-apiserver and kube-controller-manager from Debian's Kubernetes
# source package (bookworm: 1.20.2, Go dependencies vendored), offline, once.
# No package registry ships these binaries; the tests' real API server
# (app/src/test/java/io/stackgate/support/RealKubernetes.java) runs them with
# Debian's etcd.
#
# Output: ${STACKGATE_K8S_CACHE:-/var/cache/stackgate/kubernetes}/v1.20.2/
#           bin/kube-apiserver, bin/kube-controller-manager, VERSION
# Cached: returns at once when both binaries are there (delete the folder to
# rebuild). Needs root only when apt packages or the deb-src lines are missing.
# See deploy/kubernetes/README.md for timings and quirks.
set -euo pipefail

K8S_VERSION=1.20.2
CACHE="${STACKGATE_K8S_CACHE:-/var/cache/stackgate/kubernetes}"
OUT="$CACHE/v$K8S_VERSION"
BINS=(kube-apiserver kube-controller-manager)
# golang-go: Debian's Go 1.19; etcd-server: the API server's store at test time;
# make/rsync: Kubernetes' own build scripts; dpkg-dev: dpkg-source for apt-get source;
# reflect2: see below; openssl: RealKubernetes makes its certificates with it.
PACKAGES=(golang-go etcd-server make rsync dpkg-dev golang-github-modern-go-reflect2-dev openssl)
SRC_LIST=/etc/apt/sources.list.d/stackgate-src.list

log() { echo "build-apiserver: $*" >&2; }

installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]; }

have_binaries() {
  local b
  for b in "${BINS[@]}"; do [[ -x "$OUT/bin/$b" ]] || return 1; done
}

# etcd is needed at test time even when the binaries are cached.
ensure_packages() {
  local missing=() p
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) == 0 ]] || { log "missing packages ${missing[*]} (run as root to install them)"; exit 1; }
  log "installing ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if have_binaries; then
  ensure_packages etcd-server openssl
  echo "build-apiserver: Kubernetes v$K8S_VERSION already built in $OUT/bin"
  exit 0
fi

start=$SECONDS

# deb-src for every bookworm "deb" source the machine already has (one-line
# sources.list and deb822 *.sources alike), unless some deb-src is there already.
has_deb_src() {
  grep -rqsE '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list && return 0
  grep -rqsiE '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources && return 0
  return 1
}

derive_deb_src() {
  # one-line format: "deb [opts] URI suite comps..." -> "deb-src ..."
  if [[ -f /etc/apt/sources.list ]]; then
    sed -nE 's/^[[:space:]]*deb[[:space:]]+(.*bookworm.*)$/deb-src \1/p' /etc/apt/sources.list
  fi
  # deb822: each stanza with Types containing "deb" becomes one-line deb-src entries
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    awk '
      function flush(   n, i, u, s, uris, suites, opt) {
        if (types ~ /(^|[[:space:]])deb([[:space:]]|$)/ && enabled != "no" && suites_s ~ /bookworm/) {
          opt = (signed != "" ? "[signed-by=" signed "] " : "")
          n = split(uris_s, uris, /[[:space:]]+/); split(suites_s, suites, /[[:space:]]+/)
          for (u = 1; u <= n; u++) if (uris[u] != "")
            for (s in suites) if (suites[s] != "")
              print "deb-src " opt uris[u] " " suites[s] " " comps
        }
        types = uris_s = suites_s = comps = signed = enabled = ""
      }
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { flush(); next }
      { key = tolower($1); sub(/:$/, "", key); val = $0; sub(/^[^:]*:[[:space:]]*/, "", val) }
      key == "types"      { types = val }
      key == "uris"       { uris_s = val }
      key == "suites"     { suites_s = val }
      key == "components" { comps = val }
      key == "signed-by"  { signed = val }
      key == "enabled"    { enabled = tolower(val) }
      END { flush() }
    ' "$f"
  done
}

ensure_packages "${PACKAGES[@]}"

if ! has_deb_src; then
  [[ $(id -u) == 0 ]] || { log "no deb-src lines in the apt sources (run as root to add $SRC_LIST)"; exit 1; }
  lines="$(derive_deb_src | sort -u)"
  [[ -n "$lines" ]] || { log "found no bookworm apt source to derive deb-src lines from"; exit 1; }
  log "adding $SRC_LIST"
  printf '# added by stackgate deploy/kubernetes/build-apiserver.sh (apt-get source kubernetes)\n%s\n' "$lines" > "$SRC_LIST"
  apt-get update -qq >/dev/null
fi

# Build under the cache (the tree is ~1 GiB with objects; /tmp may be small) and
# remove it afterwards; only the binaries and VERSION stay.
mkdir -p "$CACHE"
WORK="$(mktemp -d "$CACHE/.build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
log "fetching the kubernetes source package"
apt-get source -qq --download-only kubernetes >/dev/null 2>&1 \
  || { log "apt-get source kubernetes failed (are deb-src lines enabled and apt-get update done?)"; exit 1; }
dsc="$(ls kubernetes_*.dsc | head -1)"
# Debian's version is "1.20.5+really1.20.2-…": the 1.20.5 upload was reverted to 1.20.2.
debver="$(sed -nE 's/^Version:[[:space:]]*//p' "$dsc")"
upstream="${debver%%-*}"; upstream="${upstream##*really}"
[[ "$upstream" == "$K8S_VERSION" ]] || { log "Debian ships kubernetes $upstream, this script builds $K8S_VERSION"; exit 1; }
dpkg-source -x "$dsc" src >/dev/null 2>&1
cd src

# The vendored modern-go/reflect2 1.0.1 reads Go runtime map internals that changed
# in Go 1.18: with Debian's Go 1.19 the API server dies with "fatal error: fault" in
# mapiterinit on the first JSON map encoding. Debian's packaged 1.0.2 fixes that and
# is API-compatible; copy its non-test Go files, as "go mod vendor" would (vendor/
# modules.txt still says v1.0.1, which go only compares with go.mod, not the files).
R2_SRC=/usr/share/gocode/src/github.com/modern-go/reflect2
R2_DST=vendor/github.com/modern-go/reflect2
[[ -d "$R2_SRC" && -d "$R2_DST" ]] || { log "reflect2 not found at $R2_SRC or $R2_DST"; exit 1; }
rm -rf "$R2_DST"
mkdir -p "$R2_DST"
find "$R2_SRC" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' -o -name LICENSE \) ! -name '*_test.go' \
  -exec cp {} "$R2_DST/" \;

# No .git in a source package: give the version to the linker explicitly, so
# /version reports v1.20.2 (clients parse it).
cat > "$WORK/version.env" <<EOF
KUBE_GIT_COMMIT='debian-$K8S_VERSION'
KUBE_GIT_TREE_STATE='clean'
KUBE_GIT_VERSION='v$K8S_VERSION'
KUBE_GIT_MAJOR='1'
KUBE_GIT_MINOR='20'
EOF

# "make" and not plain "go build": make first generates the OpenAPI definitions
# (pkg/generated/openapi/zz_generated.openapi.go) the API server needs.
# GOPROXY=off proves nothing is downloaded; CGO_ENABLED=0 gives static binaries.
log "building ${BINS[*]} (about 8 minutes cold on 2 cores)"
if ! GOPROXY=off GOFLAGS=-mod=vendor CGO_ENABLED=0 GO111MODULE=on \
     KUBE_GIT_VERSION_FILE="$WORK/version.env" \
     make WHAT="cmd/kube-apiserver cmd/kube-controller-manager" > "$WORK/make.log" 2>&1; then
  tail -n 40 "$WORK/make.log" >&2
  cp "$WORK/make.log" "$CACHE/build-failed.log"
  log "make failed (full log: $CACHE/build-failed.log)"
  exit 1
fi

mkdir -p "$OUT/bin.new"
for b in "${BINS[@]}"; do
  cp "_output/bin/$b" "$OUT/bin.new/$b" 2>/dev/null || cp "_output/local/bin/linux/amd64/$b" "$OUT/bin.new/$b"
  chmod 0755 "$OUT/bin.new/$b"
done
rm -rf "$OUT/bin"
mv "$OUT/bin.new" "$OUT/bin"
{
  echo "kubernetes v$K8S_VERSION from Debian source package $(sed -nE 's/^Version:[[:space:]]*//p' "../$dsc")"
  echo "built with $(go version | cut -d' ' -f3-) on $(date -u +%Y-%m-%dT%H:%M:%SZ), reflect2 replaced by Debian's $(dpkg-query -W -f='${Version}' golang-github-modern-go-reflect2-dev)"
} > "$OUT/VERSION"
"$OUT/bin/kube-apiserver" --version >/dev/null

echo "build-apiserver: built Kubernetes v$K8S_VERSION (${BINS[*]}) into $OUT/bin in $((SECONDS - start)) s"
