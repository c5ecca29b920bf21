# axe-core, the accessibility engine the browser tests inject into every page
# (internal/web/axe_browser_test.go). It is a test tool only: never served,
# never embedded. Installed with npm into /root/.cache/congvu/axe (reused when
# present); exports CONGVU_TEST_AXE, the path of axe.min.js. No port.
# In CI ($strict) it is required; elsewhere the axe checks skip with a message.
axe_dir="${CONGVU_AXE_DIR:-/root/.cache/congvu/axe}"
axe_version="4.10.3"
axe_js="$axe_dir/node_modules/axe-core/axe.min.js"
if [ ! -s "$axe_js" ] && command -v npm >/dev/null 2>&1; then
  echo "scripts/test: installing axe-core $axe_version into $axe_dir"
  mkdir -p "$axe_dir"
  [ -f "$axe_dir/package.json" ] || echo '{"private": true}' >"$axe_dir/package.json"
  npm install --prefix "$axe_dir" --no-audit --no-fund --silent "axe-core@$axe_version" >/dev/null 2>&1 || true
fi
if [ -s "$axe_js" ]; then
  export CONGVU_TEST_AXE="$axe_js"
  if [ "$strict" = 1 ]; then export CONGVU_REQUIRE_AXE=1; fi
elif [ "$strict" = 1 ]; then
  echo "scripts/test: axe-core is required but could not be installed (npm install axe-core)" >&2
  exit 1
else
  echo "scripts/test: axe-core not installed; the accessibility checks will be skipped"
fi
