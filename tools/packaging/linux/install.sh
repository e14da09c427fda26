#!/bin/sh
# Installs the Casefile app from this folder into your home folder, without root:
# the app under ~/.local/share/casefile, the `casefile` command in ~/.local/bin, a menu entry,
# the icon, and the .casefile file type, so that double-clicking a case opens it in Casefile.
# Run it again to update; remove with: sh install.sh --uninstall
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
app="$data/casefile/app"

refresh() {
    command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" >/dev/null 2>&1 || true
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$data/icons/hicolor" >/dev/null 2>&1 || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$data/casefile/app" "$bin/casefile" "$data/applications/casefile.desktop" \
        "$data/mime/packages/casefile-mime.xml"
    find "$data/icons/hicolor" -name 'casefile.*' -delete 2>/dev/null || true
    refresh
    echo "Casefile is uninstalled. Your case files are untouched."
    exit 0
fi

mkdir -p "$app" "$bin" "$data/applications" "$data/mime/packages"
# Copy into a new folder first, then swap, so an update cut short leaves the old app working.
rm -rf "$app.new"
cp -R "$here/." "$app.new"
rm -rf "$app.old"
[ -d "$app" ] && mv "$app" "$app.old"
mv "$app.new" "$app"
rm -rf "$app.old"
ln -sf "$app/casefile" "$bin/casefile"

sed "s|^Exec=casefile|Exec=$app/casefile|" "$here/share/casefile.desktop" > "$data/applications/casefile.desktop"
cp "$here/share/casefile-mime.xml" "$data/mime/packages/casefile-mime.xml"
for png in "$here"/share/icons/casefile-*.png; do
    size="$(basename "$png" .png | sed 's/casefile-//')"
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$data/icons/hicolor/${size}x${size}/apps/casefile.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$here/share/icons/casefile.svg" "$data/icons/hicolor/scalable/apps/casefile.svg"
refresh
echo "Casefile is installed: run 'casefile', find it in the applications menu, or double-click a .casefile file."
case ":$PATH:" in *":$bin:"*) ;; *) echo "Note: add $bin to your PATH to run 'casefile' from a terminal." ;; esac
