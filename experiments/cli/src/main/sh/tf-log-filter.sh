#!/usr/bin/env bash
# Filters TensorFlow's native log lines out of stderr (stdin here) below a level, as
# TF_CPP_MIN_LOG_LEVEL means it: 0 keeps all, 1 drops INFO, 2 also WARNING, 3 also ERROR.
# Why: TensorFlow 2.18 logs some lines through absl (e.g. "MLIR V1 optimization pass is not
# enabled", preceded by absl's "All log messages before absl::InitializeLog()" notice), and absl
# ignores TF_CPP_MIN_LOG_LEVEL; nothing in TF Java's API reaches absl's own level setting.
# Everything else (hrvq's errors, Java stack traces) passes through unchanged, line by line.
level="${1:-1}"
# Ctrl-C goes to the whole process group: keep filtering until Java has written its last words.
trap '' INT
case "$level" in
  0) exec cat ;;
  1) severities='I' ;;
  2) severities='IW' ;;
  *) severities='IWE' ;;
esac
# absl's line: severity letter, MMDD, time (before absl::InitializeLog: 00:00:<epoch seconds>), thread id, file:line] message.
exec grep --line-buffered -v -E \
  -e '^WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR$' \
  -e "^[${severities}][0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]+\.[0-9]+ +[0-9]+ [^ ]+:[0-9]+\] "
