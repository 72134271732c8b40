#!/usr/bin/env bash
# Finishes the .deb that jpackage built (called by jpackage-linux.sh), with what jpackage's options cannot express:
#  - /usr/bin/NAME, a link to the launcher, so the CLI twin works as "NAME db ping" from any directory;
#  - the menu entry (/usr/share/applications/NAME.desktop) and the hicolor icons as package files: dpkg's triggers
#    refresh the menu and the icon cache, dpkg removes them, and the package needs no xdg-utils (whose Recommends
#    pulled in perl, a terminal emulator and x11-xserver-utils);
#  - a Depends list without duplicates (the control template names the JavaFX natives' libraries, jpackage adds
#    what it finds in the runtime image, and both name libx11-6 and others), and an Installed-Size that counts the
#    files added here.
#  - no xdg-utils dependency and no second copy of the menu entry in the install directory (see below).
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
  installer/linux/menu-entry.desktop > "$root/usr/share/applications/$name.desktop"
chmod 0644 "$root/usr/share/applications/$name.desktop"
for size in 16 32 48 64 128 256 512; do
  icon_dir=$root/usr/share/icons/hicolor/${size}x${size}/apps
  mkdir -p "$icon_dir"
  install -m 0644 "installer/icons/x402-console-$size.png" "$icon_dir/$name.png"
done

# Depends: keep the first mention of each package
depends=$(sed -n 's/^Depends: //p' "$control" | sed 's/ *$//')
deduplicated=$(printf '%s\n' "$depends" | tr ',' '\n' | sed 's/^ *//; s/ *$//' | awk 'NF && !seen[$1]++' \
  | paste -sd, - | sed 's/,/, /g')
# jpackage makes a desktop file whenever the app has an icon and then depends on xdg-utils to register it; this
# package ships its entry as a file instead, and its maintainer scripts (installer/linux/postinst, prerm) run no
# xdg-* command, so neither the dependency nor jpackage's copy of the entry stays
if grep -q 'xdg-' "$root/DEBIAN/postinst" "$root/DEBIAN/prerm" "$root/DEBIAN/postrm"; then
  echo "deb-finish: a maintainer script calls xdg-utils; it cannot be dropped from Depends" >&2
  exit 1
fi
deduplicated=$(printf '%s\n' "$deduplicated" | tr ',' '\n' | sed 's/^ *//' | grep -vx 'xdg-utils' | paste -sd, - \
  | sed 's/,/, /g')
rm -f "$root$install_dir/lib/$name-$name.desktop"
installed_kib=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -i -e "s|^Depends: .*|Depends: $deduplicated|" -e "s|^Installed-Size: .*|Installed-Size: $installed_kib|" "$control"

find "$root" -type d -exec chmod 0755 {} +
rm -f "$deb"
dpkg-deb --root-owner-group --build "$root" "$deb" > /dev/null
echo "deb-finish: $deb: /usr/bin/$name, menu entry, ${name} icons (7 sizes); Depends: $deduplicated"
