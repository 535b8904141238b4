#!/usr/bin/env bash
# Time from starting the kiosk to its screens, RUNS times (3), each on a private Xvfb display with a fresh data
# dir: (1) the window titled "AV-Gym Kiosk" on screen (found by its title with xdotool; then its size read with
# xwininfo: a kiosk must cover the whole screen), and (2) the "Scan your card" screen, by the app's own log line.
# Full screen needs a window manager, as on a real kiosk PC (a bare X server ignores the request): the script
# starts openbox on the display when it is installed (apt-get install openbox), else it only reports the size.
# Where the kiosk first asks for the device account's password (its setup screen, password field focused),
# KIOSK_PASSWORD is typed into the window once the app logs "... window shown" (it takes keys from then on),
# then KIOSK_SUBMIT pressed; that wait and the typing are then inside figure (2).
# The jar must be built already (or the first run times the build too). Needs Xvfb, xdpyinfo, xdotool, xwininfo.
#
#   bash src/test/scripts/kiosk-launch-time.sh [RUNS]      writes target/kiosk-launch-time.txt
#
# Settings (environment), so that the same script times the installed launcher or, as a check of the script
# itself, the desk:
#   KIOSK_CMD         the command started (default: ./avgym kiosk; e.g. /opt/avgym-desk/bin/avgym-kiosk)
#   KIOSK_TITLE       the window title waited for, exactly (default: AV-Gym Kiosk)
#   KIOSK_READY       a text of the app's log line that marks "Scan your card" shown (default: Scan your card" shown);
#                     empty: time the window only
#   KIOSK_PASSWORD    typed into the window once it is shown (default: none, nothing typed); it also becomes
#                     AVGYM_DEMO_PASSWORD, the built-in server's demo password (demo device account: kiosk)
#   KIOSK_SUBMIT      the keys pressed after it (default: "Tab space", i.e. press the Sign in button that follows
#                     the password field: the kiosk's first cut does not sign in on Enter, the desk does)
#   KIOSK_FULLSCREEN  1 (default): fail unless the window covers the screen within 5 s (with a window manager);
#                     0: only report its size
#   KIOSK_HOME        a prepared data dir (desk.properties, ...) copied for every run instead of an empty one
#   KIOSK_TIMEOUT     seconds to wait for each screen (default 120)
#   KIOSK_WM          the window manager started on the display (default: openbox --sm-disable, if installed;
#                     empty: none)
#
#   e.g. the desk instead of the kiosk (its sign-in window has the password field focused too):
#   KIOSK_CMD=./avgym KIOSK_TITLE='AV-Gym Desk' KIOSK_READY='check-in desk shown' KIOSK_PASSWORD=pw-123456 \
#     KIOSK_FULLSCREEN=0 bash src/test/scripts/kiosk-launch-time.sh 1
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-3}
read -r -a CMD <<<"${KIOSK_CMD:-./avgym kiosk}"
TITLE=${KIOSK_TITLE:-AV-Gym Kiosk}
READY=${KIOSK_READY-Scan your card\" shown}
PASSWORD=${KIOSK_PASSWORD:-}
read -r -a SUBMIT <<<"${KIOSK_SUBMIT:-Tab space}"
FULLSCREEN=${KIOSK_FULLSCREEN:-1}
TIMEOUT=${KIOSK_TIMEOUT:-120}
OUT=target/kiosk-launch-time.txt
if [ -z "${KIOSK_WM+set}" ] && command -v openbox >/dev/null; then KIOSK_WM="openbox --sm-disable"; fi
read -r -a WM <<<"${KIOSK_WM:-}"
for tool in Xvfb xdpyinfo xdotool xwininfo xprop; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install xvfb x11-utils xdotool)" >&2; exit 1; }
done
mkdir -p target
: > "$OUT"

work= xvfb= app= wm=
cleanup() { # the app runs in a process group of its own (setsid): the launcher and whatever it started
  if [ -n "$app" ]; then kill -- "-$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  if [ -n "$wm" ]; then kill "$wm" 2>/dev/null || true; wait "$wm" 2>/dev/null || true; fi
  if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; fi
  [ -z "$work" ] || rm -rf "$work"
  app= xvfb= work= wm=
}
trap cleanup EXIT
fail() { echo "$*" >&2; [ -z "$work" ] || tail -n 20 "$work/kiosk.log" >&2 2>/dev/null; exit 1; }
elapsed_ms() { echo $((($(date +%s%N) - started) / 1000000)); }
# until_true WHAT COMMAND...: polls COMMAND until it succeeds; fails on the deadline or if the app has exited
until_true() {
  local what=$1 deadline=$((SECONDS + TIMEOUT)); shift
  until "$@"; do
    kill -0 "$app" 2>/dev/null || fail "the app exited before $what (run $run)"
    [ $SECONDS -lt $deadline ] || fail "no $what within ${TIMEOUT}s (run $run)"
    sleep 0.05
  done
}
window_size() { xwininfo -id "$window" | awk '/^ *Width:/ {w = $2} /^ *Height:/ {h = $2} END {print w "x" h}'; }
full_screen() { size=$(window_size); [ "$size" = "$screen_size" ]; }
window_id() { xdotool search --onlyvisible --name "^${TITLE}\$" 2>/dev/null | head -n 1; }
has_window() { [ -n "$(window_id)" ]; }
logged() { grep -qsF -- "$READY" "$work/kiosk.log"; }

for ((run = 1; run <= RUNS; run++)); do
  work=$(mktemp -d /tmp/avgym-kiosk-launch.XXXXXX)
  if [ -n "${KIOSK_HOME:-}" ]; then cp -a "$KIOSK_HOME" "$work/home"; else mkdir -m 700 "$work/home"; fi
  # -displayfd: Xvfb takes the first free display and writes its number (a random one may be another's display);
  # -noreset: without it the server resets when its last client leaves (xdpyinfo below), refusing the next one
  Xvfb -displayfd 3 -noreset -screen 0 1280x900x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 & xvfb=$!
  deadline=$((SECONDS + 10))
  until grep -qs '^[0-9]' "$work/display" && DISPLAY=:$(head -n 1 "$work/display") xdpyinfo >/dev/null 2>&1; do
    kill -0 "$xvfb" 2>/dev/null || fail "Xvfb exited"
    [ $SECONDS -lt $deadline ] || fail "Xvfb did not start"
    sleep 0.1
  done
  export DISPLAY=:$(head -n 1 "$work/display")
  screen_size=$(xdpyinfo | sed -n 's/^ *dimensions: *\([0-9]*x[0-9]*\) pixels.*/\1/p')
  if [ ${#WM[@]} -gt 0 ]; then
    "${WM[@]}" > "$work/wm.log" 2>&1 & wm=$!
    # a window manager owns the root window's SubstructureRedirect; xprop shows its _NET_SUPPORTING_WM_CHECK
    deadline=$((SECONDS + 10))
    until xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id'; do
      kill -0 "$wm" 2>/dev/null || fail "the window manager '${WM[*]}' exited: $(cat "$work/wm.log")"
      [ $SECONDS -lt $deadline ] || fail "the window manager '${WM[*]}' did not start"
      sleep 0.1
    done
  fi

  started=$(date +%s%N)
  env AVGYM_HOME="$work/home" HOME="$work/home" ${PASSWORD:+AVGYM_DEMO_PASSWORD="$PASSWORD"} \
    setsid "${CMD[@]}" > "$work/kiosk.log" 2>&1 & app=$!

  until_true "a window titled '$TITLE'" has_window
  window_ms=$(elapsed_ms)
  window=$(window_id)
  size=$(window_size)
  if [ "$FULLSCREEN" = 1 ] && [ ${#WM[@]} -gt 0 ]; then
    # the window is mapped first, then made full screen by the window manager
    deadline=$((SECONDS + 5))
    until full_screen; do
      [ $SECONDS -lt $deadline ] || fail "the window '$TITLE' is ${size}, not the whole screen (${screen_size}) (run $run)"
      sleep 0.05
    done
  fi
  wm_note=${WM[0]:-no window manager}
  line="run $run: '${CMD[*]}' to the window '$TITLE' ${window_ms} ms (${size} on a ${screen_size} screen, ${wm_note##*/})"

  if [ -n "$READY" ]; then
    if [ -n "$PASSWORD" ] && ! logged; then
      # The window is mapped before its scene takes keys: the app logs "sign-in window shown" (desk) or
      # "kiosk window shown" once its first screen is up and the password field focused.
      until_true "the log line '... window shown'" grep -qs 'window shown' "$work/kiosk.log"
      xdotool windowfocus --sync "$window"
      xdotool type --delay 15 "$PASSWORD"
      xdotool key --delay 50 "${SUBMIT[@]}"
    fi
    until_true "the log line '$READY'" logged
    ready_ms=$(elapsed_ms)
    said=$(grep -F -- "$READY" "$work/kiosk.log" | grep -o '[0-9]* ms after JVM start' | head -n 1 || true)
    line+=", to '$READY' ${ready_ms} ms${PASSWORD:+ (password typed once the window was up)}${said:+; the app says ${said}}"
  fi
  echo "$line" | tee -a "$OUT"
  cleanup
done
echo "written to $OUT"
