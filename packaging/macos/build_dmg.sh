#!/usr/bin/env bash
# Build Afterword.app with PyInstaller, sign it when a signing identity is configured,
# pack it in a DMG, and notarise the DMG when notary credentials are configured.
#
#   packaging/macos/build_dmg.sh                 unsigned (ad-hoc) app and DMG
#   AFTERWORD_SIGN_IDENTITY="Developer ID Application: Name (TEAMID)" \
#   AFTERWORD_NOTARY_PROFILE=afterword-notary packaging/macos/build_dmg.sh
#
# The notary profile is made once with
#   xcrun notarytool store-credentials afterword-notary --apple-id ... --team-id ...
# PYTHON picks the interpreter (default: python3) that has PyInstaller and the app installed.
# Writes dist/Afterword.app and dist/afterword-<version>-macos-<arch>.dmg.
set -euo pipefail
cd "$(dirname "$0")/../.."

python=${PYTHON:-python3}
identity=${AFTERWORD_SIGN_IDENTITY:-}
notary_profile=${AFTERWORD_NOTARY_PROFILE:-}
entitlements=packaging/macos/entitlements.plist
version=$("$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
app=dist/Afterword.app
dmg="dist/afterword-${version}-macos-$(uname -m).dmg"

if [[ -n "$notary_profile" && -z "$identity" ]]; then
    echo "build_dmg: notarising needs a signed app; set AFTERWORD_SIGN_IDENTITY too" >&2
    exit 1
fi

"$python" packaging/make_icons.py
rm -rf dist/Afterword "$app"
"$python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/afterword.spec

sign() {
    codesign --force --timestamp --options runtime --entitlements "$entitlements" \
        --sign "$identity" "$@"
}

if [[ -n "$identity" ]]; then
    echo "Signing $app as $identity"
    # Inside out: every Mach-O file, then each framework, then the app itself.
    while IFS= read -r -d '' file; do
        if file -b "$file" | grep -q "Mach-O"; then
            sign "$file"
        fi
    done < <(find "$app/Contents" -type f \( -name "*.so" -o -name "*.dylib" -o -perm -u+x \) \
        -not -path "*/Contents/MacOS/Afterword" -print0)
    while IFS= read -r -d '' framework; do
        sign "$framework"
    done < <(find "$app/Contents" -type d -name "*.framework" -print0 | sort -rz)
    sign "$app"
    codesign --verify --strict --verbose=2 "$app"
else
    echo "AFTERWORD_SIGN_IDENTITY is not set: the app keeps PyInstaller's ad-hoc signature"
fi

# The DMG: the app and a link to /Applications to drag it onto.
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
# hdiutil now and then fails with "Resource busy" on CI machines: try a few times.
for attempt in 1 2 3; do
    if hdiutil create -volname "Afterword ${version}" -srcfolder "$staging" -ov -format UDZO "$dmg"; then
        break
    fi
    [[ $attempt -lt 3 ]] || exit 1
    sleep 5
done

if [[ -n "$identity" ]]; then
    codesign --force --timestamp --sign "$identity" "$dmg"
fi
if [[ -n "$notary_profile" ]]; then
    echo "Notarising $dmg (profile $notary_profile)"
    xcrun notarytool submit "$dmg" --keychain-profile "$notary_profile" --wait
    xcrun stapler staple "$dmg"
    xcrun stapler validate "$dmg"
    spctl --assess --type open --context context:primary-signature --verbose "$dmg"
else
    echo "AFTERWORD_NOTARY_PROFILE is not set: the DMG is not notarised"
fi
echo "Wrote $dmg"
