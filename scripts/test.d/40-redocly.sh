# shellcheck shell=bash
# Redocly's CLI (npm @redocly/cli), which lints the OpenAPI document
# (internal/api TestOpenAPIRedoclyLint). Installed once into
# /root/.cache/congvu/redocly and reused; exports CONGVU_REDOCLY, the path of
# its binary. No port. In CI ($strict) a missing node/npm or a failed install
# is a failure; elsewhere the lint test is skipped with a message.
redocly_version=2.77.0 # 1.34.21 does not install; 2.77.0 and 1.34.20 do
redocly_dir=/root/.cache/congvu/redocly
redocly_bin="$redocly_dir/node_modules/.bin/redocly"
if [ ! -x "$redocly_bin" ] || [ "$("$redocly_bin" --version 2>/dev/null | head -n1)" != "$redocly_version" ]; then
  if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "scripts/test: installing Debian's npm for Redocly's CLI"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null 2>&1 || true
  fi
  if command -v npm >/dev/null 2>&1; then
    echo "scripts/test: installing @redocly/cli@$redocly_version into $redocly_dir"
    mkdir -p "$redocly_dir"
    npm install --silent --no-audit --no-fund --prefix "$redocly_dir" "@redocly/cli@$redocly_version" >/dev/null 2>&1 || true
  fi
fi
if [ -x "$redocly_bin" ]; then
  export CONGVU_REDOCLY="$redocly_bin"
elif [ "$strict" = 1 ]; then
  echo "scripts/test: Redocly's CLI is required but could not be installed" >&2
  exit 1
else
  echo "scripts/test: no Redocly CLI; the OpenAPI lint will be skipped"
fi
