# Mailpit: a real SMTP server for the e-mail tests (internal/jobs
# mail_smtp_test.go), SMTP on 127.0.0.1:1025 and its HTTP API on
# 127.0.0.1:8025, from which the tests read the messages back.
# Built once with `go install` from the Go module proxy into
# /root/.cache/congvu/bin and reused; started unless one already answers.
# Exports CONGVU_TEST_SMTP and CONGVU_TEST_MAILPIT.
# Sourced by scripts/test ($strict is 1 in CI).
mailpit_version=v1.33.1
mailpit_bin=/root/.cache/congvu/bin/mailpit
mailpit_up() { curl -fsS -o /dev/null http://127.0.0.1:8025/api/v1/info 2>/dev/null; }
if ! mailpit_up; then
  # A `go install` build calls itself "dev": the stamp beside it says which version it is.
  if [ ! -x "$mailpit_bin" ] || [ "$(cat "$mailpit_bin.version" 2>/dev/null)" != "$mailpit_version" ]; then
    echo "scripts/test.d/40-mailpit.sh: building Mailpit $mailpit_version (once)"
    mkdir -p "$(dirname "$mailpit_bin")"
    GOBIN="$(dirname "$mailpit_bin")" go install "github.com/axllent/mailpit@$mailpit_version" \
      && echo "$mailpit_version" >"$mailpit_bin.version"
  fi
  if [ -x "$mailpit_bin" ]; then
    # Messages in memory only (no --database); left running for the rest of the run.
    nohup "$mailpit_bin" --smtp 127.0.0.1:1025 --listen 127.0.0.1:8025 --smtp-auth-accept-any \
      --smtp-auth-allow-insecure --quiet >/tmp/congvu-mailpit.log 2>&1 &
    for _ in $(seq 1 40); do mailpit_up && break; sleep 0.25; done
  fi
fi
if mailpit_up; then
  export CONGVU_TEST_SMTP=127.0.0.1:1025 CONGVU_TEST_MAILPIT=http://127.0.0.1:8025
elif [ "$strict" = 1 ]; then
  echo "scripts/test.d/40-mailpit.sh: Mailpit is required but does not answer at 127.0.0.1:8025" >&2
  exit 1
else
  echo "scripts/test.d/40-mailpit.sh: no Mailpit; the real-SMTP e-mail tests will be skipped"
fi
