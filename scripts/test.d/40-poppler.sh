# poppler-utils: pdftotext and pdftoppm, which the PDF tests of
# internal/report (and the web's printed forms) read the forms back with.
# Installed from Debian when missing and we are root. In CI ($strict = 1)
# the tests must not skip their text checks: CONGVU_REQUIRE_PDFTOOLS=1 makes
# a missing pdftotext a failure, and this file fails at once without it.
# No port: nothing is started.
if ! command -v pdftotext >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "scripts/test.d/40-poppler: installing Debian's poppler-utils for the PDF tests"
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null || true
  fi
fi
if command -v pdftotext >/dev/null 2>&1; then
  [ "$strict" = 1 ] && export CONGVU_REQUIRE_PDFTOOLS=1
elif [ "$strict" = 1 ] || [ "${CONGVU_REQUIRE_PDFTOOLS:-}" = 1 ]; then
  echo "scripts/test.d/40-poppler: pdftotext is required but missing (apt-get install poppler-utils)" >&2
  exit 1
else
  echo "scripts/test.d/40-poppler: pdftotext not found; PDF text checks will be skipped"
fi
