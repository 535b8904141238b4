#!/usr/bin/env bash
# Soak run of the real desk app: starts target/avgym.jar (embedded server, demo data) on a private Xvfb
# display, signs in, and feeds it barcode scans as a keyboard-wedge scanner would (xdotool types the code
# and Enter into the window) while a second "desk" checks the same members out again by REST. Records the
# app's memory (heap after a full GC, and the process's resident set) at the start and after every block of
# scans, and writes the figures to target/desk-soak.txt.
#
#   bash src/test/scripts/desk-soak.sh [SCANS]     (default 1800: a busy hour's check-ins and check-outs)
#
# SOAK_KEY_DELAY=MS is the time between the scanner's keys (8; a fast wedge scanner sends one every 3-5 ms);
# SOAK_BLOCK=N measures every N scans (300); SOAK_HISTO=1 also writes a class histogram per block to
# target/desk-soak-histo-N.txt; SOAK_JAVA_OPTS adds JVM options (e.g. -XX:SoftRefLRUPolicyMSPerMB=0);
# SOAK_TABS=N moves the focus on by N Tabs before scanning; SOAK_JAR runs another jar (target/avgym.jar).
# Every scan must reach the server as the number that was typed: a misread number is "Member not found" and
# makes no visit, so the run counts the scans that made none (garbled or lost), names the members whose visit
# is missing, and fails if there is any.
#
# Needs: a built jar (./mvnw -q package -DskipTests), Xvfb, xdotool, curl (apt-get install xvfb xdotool curl).
set -euo pipefail
cd "$(dirname "$0")/../../.."
SCANS=${1:-1800}
BLOCK=${SOAK_BLOCK:-300}
KEY_DELAY=${SOAK_KEY_DELAY:-8}
JAR=${SOAK_JAR:-target/avgym.jar}
JAVA_HOME=${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25-jdk* | head -n 1)}
OUT=${SOAK_OUT:-target/desk-soak.txt}
WORK=$(mktemp -d /tmp/avgym-soak.XXXXXX)
DISPLAY_NO=$((90 + RANDOM % 100))
export DISPLAY=:$DISPLAY_NO AVGYM_HOME=$WORK/home AVGYM_DEMO_PASSWORD=soak-$RANDOM-password
LOG=$WORK/desk.log

cleanup() {
  mkdir -p target && cp "$LOG" target/desk-soak.log 2>/dev/null || true
  [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null || true
  [ -n "${XVFB:-}" ] && kill "$XVFB" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...: polls until the command succeeds or the deadline passes
  local deadline=$((SECONDS + $1)) what=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for $what" >&2; tail -n 30 "$LOG" >&2; exit 1; }
    sleep 0.2
  done
}

Xvfb "$DISPLAY" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 & XVFB=$!
wait_for 10 "Xvfb" xdpyinfo -display "$DISPLAY"
started=$(date +%s%N)
"$JAVA_HOME/bin/java" ${SOAK_JAVA_OPTS:-} -jar "$JAR" >"$LOG" 2>&1 & APP=$!
wait_for 180 "the sign-in window" grep -q 'sign-in window shown' "$LOG"
shown_ms=$(( ($(date +%s%N) - started) / 1000000 ))
wait_for 180 "the built-in server" grep -q 'listening on http://' "$LOG"
port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$LOG" | head -n 1 | sed 's/.*://')
base=http://127.0.0.1:$port

window=$(xdotool search --sync --name 'AV-Gym Desk' | head -n 1)
xdotool windowfocus --sync "$window"
xdotool type --delay 15 "$AVGYM_DEMO_PASSWORD"; xdotool key Return
wait_for 30 "sign-in" grep -q 'signed in as desk' "$LOG"
wait_for 30 "the live connection" grep -q 'CONNECTING -> LIVE' "$LOG"
wait_for 30 "the check-in desk" grep -q 'check-in desk shown' "$LOG"
# No click: after sign-in the scanner field has the focus (a scan caught elsewhere is a scan too).
# SOAK_TABS=N presses Tab N times first, to scan with the focus on another control (3: the member search box).
for ((t = 0; t < ${SOAK_TABS:-0}; t++)); do xdotool key Tab; done
sign_in_admin() { # a fresh access token for the "other desk" (they last minutes; the run takes longer)
  admin=$(curl -sf -X POST "$base/api/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$AVGYM_DEMO_PASSWORD\"}" | sed 's/.*"access":"\([^"]*\)".*/\1/')
  admin_at=$SECONDS
}
sign_in_admin

memory() { # heap used after a full GC (KB) and resident set (KB) of the app
  "$JAVA_HOME/bin/jcmd" "$APP" GC.run >/dev/null
  local heap rss
  heap=$("$JAVA_HOME/bin/jcmd" "$APP" GC.heap_info | grep -o 'used [0-9]*K' | head -n 1 | tr -dc 0-9)
  rss=$(grep VmRSS "/proc/$APP/status" | tr -dc 0-9)
  echo "$heap $rss"
}

history_total() {
  curl -sf "$base/api/checkins/history/?perPage=1" -H "Authorization: Bearer $admin" | sed 's/.*"total":\([0-9]*\).*/\1/'
}

settle() { # waits until the server's visit count stops growing (every scan typed so far answered)
  local before after deadline=$((SECONDS + 60))
  after=$(history_total)
  while :; do
    before=$after; sleep 2; after=$(history_total)
    [ "$after" != "$before" ] || break
    [ $SECONDS -lt $deadline ] || { echo "visits still arriving after 60 s" >&2; break; }
  done
}
missed_numbers=""

# A warm-up scan first, not counted: the very first keys after start meet cold code (class loading, JIT) on
# the UI thread and can miss the wedge's 50 ms window (see the closing note of issue 4). Typed until the server
# has the visit, then checked out again.
for attempt in 1 2 3; do
  xdotool type --delay "$KEY_DELAY" $'m0048\r'
  deadline=$((SECONDS + 10))
  until [ "$(history_total)" -ge 1 ] || [ $SECONDS -ge $deadline ]; do sleep 0.2; done
  [ "$(history_total)" -ge 1 ] && break
  echo "warm-up scan $attempt did not arrive" >&2
done
curl -sf -o /dev/null -X POST "$base/api/checkins/checkout" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"clientRequestId":"soak-warm-up-out","membershipNumber":"M0048"}'
WARM=1
read -r heap0 rss0 <<<"$(memory)"
echo "scans=0 heapAfterGcKB=$heap0 rssKB=$rss0"
rows="scans=0 heapAfterGcKB=$heap0 rssKB=$rss0"
t0=$SECONDS
for ((i = 0; i < SCANS; i++)); do
  number=$(printf 'M%04d' $((i % 48 + 1)))
  if ((SECONDS - admin_at > 60)); then sign_in_admin; fi
  if ((i >= 48)); then # the other desk checks the member out, so this scan is a fresh check-in
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/checkins/checkout" -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' -d "{\"clientRequestId\":\"soak-out-$i\",\"membershipNumber\":\"$number\"}")
    if [ "$status" != 201 ]; then # scan i-48 of this member made no visit: garbled or lost
      echo "scan $((i - 48)) ($number) made no visit (check-out: HTTP $status)" >&2
      missed_numbers="$missed_numbers $number@$((i - 48))"
    fi
  fi
  # One burst with its Enter, as a scanner sends it (a separate `xdotool key` process can come later than the
  # wedge's 50 ms gap; "\r" is Return, "\n" would be Linefeed); lower case, as xdotool's Shift round trip for
  # "M" can exceed the gap too on a loaded machine.
  xdotool type --delay "$KEY_DELAY" "${number,,}"$'\r'
  if (((i + 1) % BLOCK == 0)); then
    settle
    read -r heap rss <<<"$(memory)"
    [ -z "${SOAK_HISTO:-}" ] || "$JAVA_HOME/bin/jcmd" "$APP" GC.class_histogram > "target/desk-soak-histo-$((i + 1)).txt"
    echo "scans=$((i + 1)) heapAfterGcKB=$heap rssKB=$rss"
    rows="$rows"$'\n'"scans=$((i + 1)) heapAfterGcKB=$heap rssKB=$rss"
  fi
done
settle
elapsed=$((SECONDS - t0))
visits=$(history_total)
missed=$((SCANS + WARM - visits))
read -r heap1 rss1 <<<"$(memory)"
mkdir -p target
{
  echo "desk soak $(date -u +%FT%TZ): $SCANS wedge scans (check-ins, ${KEY_DELAY} ms between keys) + $((SCANS > 48 ? SCANS - 48 : 0)) check-outs by another desk, in ${elapsed}s"
  echo "launch to sign-in window: ${shown_ms} ms (wall clock, JVM start included)"
  echo "$rows"
  echo "end: heapAfterGcKB=$heap1 rssKB=$rss1 (start: heapAfterGcKB=$heap0 rssKB=$rss0)"
  echo "server visits: $visits (one of them the warm-up scan)"
  echo "garbled or lost: $missed of $SCANS${missed_numbers:+ (seen at check-out:$missed_numbers)}"
} | tee "$OUT"
if [ "$missed" -ne 0 ]; then echo "$missed scans made no visit" >&2; exit 1; fi
if grep -q 'uncaught exception' "$LOG"; then echo "the app logged an uncaught exception" >&2; exit 1; fi
