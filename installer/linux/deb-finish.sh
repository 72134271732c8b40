#!/usr/bin/env bash
# Finishes the .deb that jpackage built (called by jpackage-linux.sh), with what jpackage's options cannot express:
#  - /usr/bin/NAME, a link to the launcher, so the CLI twin works as "NAME db ping" from any directory;
#  - the menu entry (/usr/share/applications/NAME.desktop) and the hicolor icons as package files: dpkg's triggers
#    refresh the menu and the icon cache, dpkg removes them, and the package needs no xdg-utils (whose Recommends
#    pulled in perl, a terminal emulator and x11-xserver-utils);
#  - a Depends list without duplicates (the control template names the JavaFX natives' libraries, jpackage adds
#    what it finds in the runtime image, and both name libx11-6 and others), and an Installed-Size that counts the
#    files added here.
# Usage: installer/linux/deb-finish.sh DEB NAME
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=$1 name=$2
install_dir=/opt/$name
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

dpkg-deb -R "$deb" "$root"
control=$root/DEBIAN/control

mkdir -p "$root/usr/bin"
ln -s "$install_dir/bin/$name" "$root/usr/bin/$name"

mkdir -p "$root/usr/share/applications"
sed -e "s|APPLICATION_LAUNCHER|$install_dir/bin/$name|" -e "s|APPLICATION_ICON|$name|" \
  installer/linux/x402-console.desktop > "$root/usr/share/applications/$name.desktop"
chmod 0644 "$root/usr/share/applications/$name.desktop"
for size in 16 32 48 64 128 256 512; do
  icon_dir=$root/usr/share/icons/hicolor/${size}x${size}/apps
  mkdir -p "$icon_dir"
  install -m 0644 "installer/icons/x402-console-$size.png" "$icon_dir/$name.png"
done

# Depends: keep the first mention of each package
depends=$(sed -n 's/^Depends: //p' "$control")
deduplicated=$(printf '%s\n' "$depends" | tr ',' '\n' | sed 's/^ *//; s/ *$//' | awk 'NF && !seen[$1]++' \
  | paste -sd, - | sed 's/,/, /g')
if printf '%s\n' "$deduplicated" | grep -qw 'xdg-utils'; then
  echo "deb-finish: jpackage added xdg-utils to Depends; the package installs its menu entry without it" >&2
  exit 1
fi
installed_kib=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -i -e "s|^Depends: .*|Depends: $deduplicated|" -e "s|^Installed-Size: .*|Installed-Size: $installed_kib|" "$control"

find "$root" -type d -exec chmod 0755 {} +
rm -f "$deb"
dpkg-deb --root-owner-group --build "$root" "$deb" > /dev/null
echo "deb-finish: $deb: /usr/bin/$name, menu entry, ${name} icons (7 sizes); Depends: $deduplicated"
