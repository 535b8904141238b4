#!/usr/bin/env bash
# Time from `./avgym` to the desk's sign-in window, RUNS times (3), each on a private Xvfb display with a fresh
# data dir (a first run: the built-in server sets up its database beside the window). The jar must be built
# already, or the first run times the build too. Needs Xvfb and xdpyinfo.
#
#   bash src/test/scripts/launch-time.sh [RUNS]      writes target/launch-time.txt
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-3}
mkdir -p target
: > target/launch-time.txt
for ((run = 1; run <= RUNS; run++)); do
  work=$(mktemp -d /tmp/avgym-launch.XXXXXX)
  display=:$((90 + RANDOM % 100))
  Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
  deadline=$((SECONDS + 10))
  until xdpyinfo -display "$display" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "Xvfb did not start" >&2; kill "$xvfb"; exit 1; }
    sleep 0.1
  done
  started=$(date +%s%N)
  DISPLAY=$display AVGYM_HOME=$work/home ./avgym >"$work/desk.log" 2>&1 & app=$!
  deadline=$((SECONDS + 120))
  until grep -qs 'sign-in window shown' "$work/desk.log"; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$app" 2>/dev/null; then
      echo "no sign-in window (run $run)" >&2; tail -n 20 "$work/desk.log" >&2; kill "$app" "$xvfb" 2>/dev/null; exit 1
    fi
    sleep 0.05
  done
  shown_ms=$((($(date +%s%N) - started) / 1000000))
  echo "run $run: ./avgym to sign-in window ${shown_ms} ms (wall clock; the app says $(grep -o 'shown [0-9]* ms after JVM start' "$work/desk.log"))" \
    | tee -a target/launch-time.txt
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
done
