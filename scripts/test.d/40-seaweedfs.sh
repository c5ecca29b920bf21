# shellcheck shell=bash
# SeaweedFS (`weed`), the real S3-compatible object store the file store's
# S3 tests run against (internal/blob, internal/httpx: TestS3, TestSaveUpload/*/s3).
# Built once from the Go module proxy into /root/.cache/congvu/bin/weed and
# reused; started as `weed server -s3` on ports of its own:
#   master 19333, volume 18081, filer 18888, S3 18333 (gRPC: each + 10000),
# none of PostgreSQL's 5432 nor Mailpit's 8025/1025. Exports
# CONGVU_TEST_S3_ENDPOINT, CONGVU_TEST_S3_ACCESS_KEY, CONGVU_TEST_S3_SECRET_KEY.
#
# `go install …/weed@version` is refused (the module's go.mod has a replace
# directive), so the module is downloaded and built in a copy of its tree.
weed_version="v0.0.0-20261109003541-7506e5f91cd6"
weed_cache="${CONGVU_CACHE:-/root/.cache/congvu}"
weed_bin="$weed_cache/bin/weed"
weed_s3_port=18333

weed_build() {
  local dir src
  dir=$(go mod download -json "github.com/seaweedfs/seaweedfs@$weed_version" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p') || return 1
  [ -n "$dir" ] || return 1
  src="$weed_cache/src/seaweedfs-$weed_version"
  rm -rf "$src" && mkdir -p "$src" && cp -r "$dir/." "$src" && chmod -R u+w "$src" || return 1
  mkdir -p "$weed_cache/bin"
  (cd "$src" && GOFLAGS=-mod=mod go build -o "$weed_bin.tmp" ./weed) && mv "$weed_bin.tmp" "$weed_bin"
}

weed_answers() { curl -s -o /dev/null "http://127.0.0.1:$weed_s3_port/" 2>/dev/null; }

if [ -z "${CONGVU_TEST_S3_ENDPOINT:-}" ]; then
  if [ ! -x "$weed_bin" ] || [ "$(cat "$weed_bin.version" 2>/dev/null)" != "$weed_version" ]; then
    echo "scripts/test: building SeaweedFS $weed_version (once; cached in $weed_bin)"
    if weed_build; then echo "$weed_version" > "$weed_bin.version"; else rm -f "$weed_bin"; fi
  fi
  if [ -x "$weed_bin" ]; then
    if ! weed_answers; then
      weed_dir="$weed_cache/seaweedfs-data"
      mkdir -p "$weed_dir"
      cat > "$weed_dir/s3.json" <<'JSON'
{"identities": [{"name": "congvu", "credentials": [{"accessKey": "congvu-test", "secretKey": "congvu-test-secret"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
JSON
      echo "scripts/test: starting SeaweedFS's S3 gateway on 127.0.0.1:$weed_s3_port"
      nohup "$weed_bin" server -ip=127.0.0.1 -ip.bind=127.0.0.1 -dir="$weed_dir" \
        -master.port=19333 -volume.port=18081 -filer -filer.port=18888 \
        -s3 -s3.port=$weed_s3_port -s3.config="$weed_dir/s3.json" \
        -volume.max=100 -master.volumeSizeLimitMB=64 \
        > "$weed_dir/weed.log" 2>&1 &
      for _ in $(seq 1 120); do weed_answers && break; sleep 0.5; done
    fi
  fi
  if weed_answers; then
    export CONGVU_TEST_S3_ENDPOINT="127.0.0.1:$weed_s3_port"
    export CONGVU_TEST_S3_ACCESS_KEY="congvu-test" CONGVU_TEST_S3_SECRET_KEY="congvu-test-secret"
  elif [ "$strict" = 1 ] || [ "${CONGVU_REQUIRE_S3:-}" = 1 ]; then
    echo "scripts/test: SeaweedFS (S3) is required but could not be built or started; see $weed_cache/seaweedfs-data/weed.log" >&2
    exit 1
  else
    echo "scripts/test: no S3 server; the file store's S3 tests will be skipped"
  fi
fi
