#!/bin/sh
# Put Afterword in the applications menu of the current user (no root needed):
#   ./install.sh            a menu entry, icons, and ~/.local/bin/afterword
#   ./install.sh --remove   take them away again (your data stays where it is)
# Run it from the unpacked folder; move the folder first if you want it elsewhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps="$data/applications"
icons="$data/icons/hicolor"
bin="$HOME/.local/bin"

if [ "${1:-}" = "--remove" ]; then
    rm -f "$apps/afterword.desktop" "$bin/afterword"
    find "$icons" -path '*/apps/afterword.png' -delete 2>/dev/null || true
    echo "Removed Afterword from the menu. Your data was left untouched."
    exit 0
fi

mkdir -p "$apps" "$bin"
sed -e "s|^Exec=Afterword|Exec=\"$here/Afterword\"|" \
    -e "s|^TryExec=Afterword|TryExec=$here/Afterword|" \
    "$here/afterword.desktop" > "$apps/afterword.desktop"
for dir in "$here"/icons/hicolor/*/apps; do
    size=$(basename "$(dirname "$dir")")
    mkdir -p "$icons/$size/apps"
    cp "$dir/afterword.png" "$icons/$size/apps/afterword.png"
done
ln -sf "$here/Afterword" "$bin/afterword"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
echo "Afterword is in your applications menu; 'afterword' runs it from a terminal."
