#!/usr/bin/env bash
# Usage: cuda-redist.sh JAR CACHE
# Prints the folder that holds the shared libraries of JAR, JavaCPP's CUDA redist jar
# (org.bytedeco:cuda:VERSION:linux-x86_64-redist), extracting them the first time into
# CACHE/VERSION. Why: TensorFlow's GPU build dlopen()s CUDA, cuBLAS, cuFFT, cuSOLVER, cuSPARSE,
# CUPTI and cuDNN by soname (libcudart.so.12, libcudnn.so.9, ...); the jar stores exactly those
# files, named by soname, under org/bytedeco/cuda/linux-x86_64/, so the folder on LD_LIBRARY_PATH
# is all TensorFlow needs besides the NVIDIA driver (libcuda.so.1). No symlinks are needed.
# The libraries are unpacked into CACHE/.tmp-VERSION-HOST-PID and renamed to CACHE/VERSION only
# when complete: an extraction that was killed never leaves a folder that looks complete, and its
# leftover is removed by the next run on the same host once its process is gone.
set -euo pipefail
jar="$1"
cache="$2"
name="$(basename "$jar" .jar)"
version="${name#cuda-}"
version="${version%-linux-x86_64-redist}"
if [ "$version" = "$name" ] || [ -z "$version" ]; then
  echo "hrvq: $jar is not a JavaCPP CUDA redist jar (cuda-VERSION-linux-x86_64-redist.jar)" >&2
  exit 1
fi
dest="$cache/$version"
if [ -d "$dest" ]; then
  echo "$dest"
  exit 0
fi

mkdir -p "$cache"
host="$(uname -n)"
for old in "$cache/.tmp-$version-$host-"*; do
  [ -d "$old" ] || continue
  pid="${old##*-}"
  case "$pid" in *[!0-9]*|'') continue ;; esac
  kill -0 "$pid" 2>/dev/null || rm -rf -- "$old"
done

tmp="$cache/.tmp-$version-$host-$$"
trap 'rm -rf -- "$tmp"' EXIT
mkdir "$tmp"
inside="org/bytedeco/cuda/linux-x86_64"
echo "hrvq: extracting NVIDIA's CUDA and cuDNN libraries (once; about 3 GB) into $dest ..." >&2
if command -v unzip >/dev/null; then
  status=0
  unzip -q "$jar" "$inside/*" -d "$tmp" || status=$?
  # 11: no entry matched, which the check below reports; anything else is a failed extraction.
  if [ "$status" != 0 ] && [ "$status" != 11 ]; then
    echo "hrvq: unzip $jar failed (exit $status)" >&2
    exit 1
  fi
else
  (cd "$tmp" && jar xf "$jar" "$inside/")
fi
if [ -z "$(ls -A "$tmp/$inside" 2>/dev/null)" ]; then
  echo "hrvq: $jar holds no libraries under $inside/" >&2
  exit 1
fi
# rename(2) is atomic; -T: when another launcher finished first, fail instead of moving into it.
if ! mv -T "$tmp/$inside" "$dest" 2>/dev/null && [ ! -d "$dest" ]; then
  echo "hrvq: could not rename $tmp/$inside to $dest" >&2
  exit 1
fi
echo "$dest"
