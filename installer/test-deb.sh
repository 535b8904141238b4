#!/usr/bin/env bash
# Installs the .deb that `./mvnw -Pinstaller package` built into a scratch root, checks its two menu entries
# ("AV-Gym Desk" and "AV-Gym Kiosk") and their icons, the kiosk launcher (its cfg and the arguments the JVM
# really gets) and the sample kiosk autostart entry, then starts the installed desk launcher headless (Xvfb)
# and waits for the sign-in window. Exits non-zero on any failure. Touches nothing outside a temporary folder.
#
#   installer/test-deb.sh [path/to/avgym-desk_*.deb]
#
# How it installs: `dpkg --root=SCRATCH -i` with the scratch root's own dpkg database, so dpkg itself unpacks
# the files, records them and runs the package's maintainer scripts, chrooted into the scratch root. That
# root holds only a shell (the host's dash and the two libraries it needs) and a stand-in for
# xdg-desktop-menu, which the postinst calls to register the menu entry: the stand-in copies the entry into
# SCRATCH/usr/share/applications as the real tool does into /usr/share/applications. Dependencies are
# not checked (--force-depends): the scratch database knows none of the host's packages; the launcher runs
# on the host's libraries. Without root (chroot needs it) the files are only extracted (dpkg-deb -x).
set -euo pipefail
cd "$(dirname "$0")/.."

deb=${1:-$(ls target/jpackage/avgym-desk_*.deb 2>/dev/null | head -n 1)}
[ -f "$deb" ] || { echo "no .deb: build it with ./mvnw -Pinstaller package" >&2; exit 1; }
app=avgym-desk
deadline_s=${AVGYM_TEST_LAUNCH_TIMEOUT:-180}

work=$(mktemp -d /tmp/avgym-deb-test.XXXXXX)
root=$work/root
launcher_pid=
cleanup() {
  if [ -n "$launcher_pid" ]; then kill -- "-$launcher_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --field "$deb" Package Version Depends | sed 's/^/  /' | cut -c1-160
# JavaFX's GTK and GL libraries (found by jpackage in the runtime's lib/) and the postinst's xdg-desktop-menu
depends=", $(dpkg-deb --field "$deb" Depends),"
for pkg in libgtk-3-0 libgl1 xdg-utils; do
  case "$depends" in *", $pkg,"*) ;; *) fail "the package does not depend on $pkg" ;; esac
done

# --- 1. install into the scratch root ------------------------------------------------------------
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/usr/share/applications" \
         "$root/usr/bin" "$root/var/log" "$root/tmp"
touch "$root/var/lib/dpkg/status"
if [ "$(id -u)" = 0 ]; then
  for f in /bin/sh $(ldd "$(readlink -f /bin/sh)" | grep -o '/[^ ]*'); do
    mkdir -p "$root$(dirname "$f")" && cp -L "$f" "$root$f"
  done
  # the postinst runs `xdg-desktop-menu install /opt/avgym-desk/lib/avgym-desk-avgym-desk.desktop`
  cat > "$root/usr/bin/xdg-desktop-menu" <<'EOF'
#!/bin/sh
# test stand-in: records the call; `install FILE` copies FILE into /usr/share/applications
echo "xdg-desktop-menu $*" >> /var/log/xdg-desktop-menu.calls
[ "$1" = install ] || exit 0
while IFS= read -r line; do printf '%s\n' "$line"; done < "$2" > "/usr/share/applications/${2##*/}"
EOF
  chmod +x "$root/usr/bin/xdg-desktop-menu"
  dpkg --root="$root" --force-depends -i "$deb" > "$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; }
  status=$(dpkg --root="$root" -s "$app" | sed -n 's/^Status: //p')
  [ "$status" = "install ok installed" ] || fail "dpkg status is '$status'"
  for launcher in $app avgym-kiosk; do
    grep -q "xdg-desktop-menu install /opt/$app/lib/$app-$launcher.desktop" "$root/var/log/xdg-desktop-menu.calls" \
      || fail "the postinst did not register the menu entry of $launcher"
  done
  entries=$root/usr/share/applications
  echo "installed with dpkg into $root ($(dpkg --root="$root" -L "$app" | wc -l) paths), both menu entries registered"
else
  echo "not root: extracting only (dpkg-deb -x), maintainer scripts not run"
  dpkg-deb -x "$deb" "$root"
  entries=$root/opt/$app/lib
fi

# --- 2. menu entries and icons: the desk, and the kiosk (the same app started with `kiosk`) ----------------
field() { sed -n "s/^$2=//p" "$1" | head -n 1; }
# check_entry FILE NAME LAUNCHER: FILE is a valid application entry called NAME that runs /opt/$app/bin/LAUNCHER
check_entry() {
  local entry=$1 name=$2 exec_path=/opt/$app/bin/$3 icon_path
  [ -f "$entry" ] || fail "no desktop entry $entry"
  [ "$(field "$entry" Type)" = Application ] || fail "$entry: Type is not Application"
  [ "$(field "$entry" Name)" = "$name" ] || fail "$entry: Name is '$(field "$entry" Name)', not '$name'"
  [ "$(field "$entry" Exec)" = "$exec_path" ] || fail "$entry: Exec is '$(field "$entry" Exec)', not '$exec_path'"
  [ -x "$root$exec_path" ] || fail "$entry: Exec $exec_path is not an executable in the package"
  icon_path=$(field "$entry" Icon)
  [ -f "$root$icon_path" ] || fail "$entry: Icon $icon_path is not in the package"
  file -b "$root$icon_path" | grep -q '^PNG image data, 256 x 256' || fail "$entry: icon is not a 256x256 PNG: $(file -b "$root$icon_path")"
  if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$entry" || fail "desktop-file-validate $entry"; fi
  echo "desktop entry ${entry##*/}: $name, Categories=$(field "$entry" Categories), Exec=$exec_path, Icon=$icon_path"
}
for entry in "$entries/$app-$app.desktop" "$entries/$app-avgym-kiosk.desktop"; do
  case ";$(field "$entry" Categories);" in *";Office;"*) ;; *) fail "$entry: category Office missing" ;; esac
done
check_entry "$entries/$app-$app.desktop" "AV-Gym Desk" $app
check_entry "$entries/$app-avgym-kiosk.desktop" "AV-Gym Kiosk" avgym-kiosk
# The sample autostart entry for a kiosk PC (docs/KIOSK.md copies it to ~/.config/autostart): it must start
# the installed kiosk launcher and never show up in the menu itself.
autostart=$root/opt/$app/lib/avgym-kiosk-autostart.desktop
check_entry "$autostart" "AV-Gym Kiosk" avgym-kiosk
[ "$(field "$autostart" NoDisplay)" = true ] || fail "$autostart: NoDisplay is not true (it would be a third menu entry)"
exec_path=/opt/$app/bin/$app

# The kiosk launcher: its cfg passes `kiosk` (used when it is started without arguments, as the menu entry
# and the autostart entry do), and the JVM it starts really gets `com.avgym.cli.Main kiosk` and loads Main from
# the AOT cache as the desk launcher does. The JVM logs its command at start (-Xlog:arguments) and where Main
# came from (-Xlog:class+load); the process is stopped then, so this needs neither a display nor a server,
# and does not depend on what the kiosk command does next.
kiosk_cfg=$root/opt/$app/lib/app/avgym-kiosk.cfg
grep -A1 -x '\[ArgOptions\]' "$kiosk_cfg" | grep -qx 'arguments=kiosk' || { cat "$kiosk_cfg"; fail "avgym-kiosk.cfg does not pass 'kiosk'"; }
if grep -q 'AOTCache=' "$root/opt/$app/lib/app/$app.cfg"; then
  grep -q 'AOTCache=' "$kiosk_cfg" || fail "the desk launcher uses the AOT cache, the kiosk launcher does not"
fi
kiosk_log=$work/kiosk-args.log
mkdir -p "$work/kiosk-home"
env -u DISPLAY HOME=$work/kiosk-home AVGYM_HOME=$work/kiosk-home/avgym-data JAVA_TOOL_OPTIONS='-Xlog:arguments=info -Xlog:class+load=info' \
  setsid "$root/opt/$app/bin/avgym-kiosk" > "$kiosk_log" 2>&1 &
launcher_pid=$!
end=$((SECONDS + 60))
main_loaded='com.avgym.cli.Main source: '
until grep -q "$main_loaded" "$kiosk_log"; do
  if ! kill -0 "$launcher_pid" 2>/dev/null; then
    grep -q "$main_loaded" "$kiosk_log" && break  # it logged, then exited (a build without the kiosk command)
    tail -n 20 "$kiosk_log"; fail "the kiosk launcher exited before its JVM loaded com.avgym.cli.Main"
  fi
  if [ "$SECONDS" -ge "$end" ]; then tail -n 20 "$kiosk_log"; fail "the kiosk launcher's JVM did not load com.avgym.cli.Main within 60s"; fi
  sleep 0.1
done
kill -- "-$launcher_pid" 2>/dev/null || true
wait "$launcher_pid" 2>/dev/null || true
launcher_pid=
kiosk_command=$(sed -n 's/.*java_command: //p' "$kiosk_log" | head -n 1)
[ "$kiosk_command" = "com.avgym.cli.Main kiosk" ] || fail "the kiosk launcher runs '$kiosk_command', not 'com.avgym.cli.Main kiosk'"
kiosk_main_source=$(grep -o "$main_loaded.*" "$kiosk_log" | head -n 1 | cut -d' ' -f3-)
if grep -q 'AOTCache=' "$kiosk_cfg" && [ "$kiosk_main_source" != "shared objects file" ]; then
  fail "the kiosk launcher loads com.avgym.cli.Main from '$kiosk_main_source', not from the AOT cache"
fi
echo "kiosk launcher: avgym-kiosk.cfg arguments=kiosk; its JVM runs: $kiosk_command (Main from: $kiosk_main_source)"

runtime=$root/opt/$app/lib/runtime
echo "installed size: runtime $(du -sh "$runtime" | cut -f1), whole app $(du -sh "$root/opt/$app" | cut -f1)"
echo "runtime modules: $(sed -n 's/^MODULES="\(.*\)"/\1/p' "$runtime/release")"

# --- 3. start the installed launcher headless ----------------------------------------------------
log=$work/launch.log
mkdir -p "$work/home"
: > "$log"
# setsid: the launcher, xvfb-run and Xvfb get a process group of their own, killed as one at the end
HOME=$work/home AVGYM_HOME=$work/home/avgym-data AVGYM_DEMO_PASSWORD=test-deb-password \
  setsid xvfb-run -a -s "-screen 0 1280x900x24" "$root$exec_path" > "$log" 2>&1 &
launcher_pid=$!
end=$((SECONDS + deadline_s))
until grep -q 'sign-in window shown [0-9]* ms after JVM start' "$log"; do
  if ! kill -0 "$launcher_pid" 2>/dev/null; then cat "$log"; fail "the launcher exited before the sign-in window"; fi
  if [ "$SECONDS" -ge "$end" ]; then cat "$log"; fail "no sign-in window within ${deadline_s}s"; fi
  sleep 0.2
done
launch_ms=$(grep -o 'sign-in window shown [0-9]* ms' "$log" | grep -o '[0-9]*')

# The window opens first; the built-in server finishes starting beside it.
until grep -q 'listening on http://' "$log"; do
  if ! kill -0 "$launcher_pid" 2>/dev/null; then cat "$log"; fail "the launcher exited before the embedded server listened"; fi
  if [ "$SECONDS" -ge "$end" ]; then cat "$log"; fail "the embedded server did not log 'listening on' within ${deadline_s}s"; fi
  sleep 0.2
done
url=$(grep -o 'listening on http://[0-9.:]*' "$log" | head -n 1 | cut -d' ' -f3)
health=$(curl -fsS --max-time 10 "$url/api/health") || { cat "$log"; fail "GET $url/api/health"; }

kill -- "-$launcher_pid" 2>/dev/null || true
wait "$launcher_pid" 2>/dev/null || true
launcher_pid=

echo "--- launcher output ---"; cat "$log"; echo "-----------------------"
if grep -q 'Unsupported JavaFX configuration' "$log"; then fail "JavaFX was loaded from the class path"; fi
if grep -qE 'WARNING: (A restricted method|sun\.misc\.Unsafe)' "$log"; then fail "the JVM warned about native or Unsafe access"; fi
if grep -qE '\[(error|warning)\]\[aot' "$log"; then fail "the JVM could not use the app's AOT cache"; fi
# The start-up (AOT) cache, trained at build time, must still match once installed under /opt: the app's own
# classes then come from it ("shared objects file"), not from the jars.
if grep -q 'AOTCache=' "$root/opt/$app/lib/app/$app.cfg"; then
  JAVA_TOOL_OPTIONS=-Xlog:class+load=info "$root$exec_path" --version > "$work/classes.log" 2>&1 || true
  grep -q 'com.avgym.cli.Main source: shared objects file' "$work/classes.log" \
    || { grep -m 5 'com.avgym\|aot' "$work/classes.log"; fail "the installed launcher does not load the app from its AOT cache"; }
  aot="AOT cache used ($(du -h "$root/opt/$app/lib/app/$app.aot" | cut -f1))"
else
  aot="no AOT cache (the package was built without a display)"
fi
echo "embedded server: $url/api/health -> $health"
echo "launch: sign-in window shown $launch_ms ms after JVM start (installed launcher, first run, Xvfb; $aot)"
echo "installer test: OK"
