#ifndef PARLEY_CFUZZERDRIVER_H
#define PARLEY_CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, with -sanitize=fuzzer): parses the libFuzzer flags in argv
/// and fuzzes `callback` as it would `LLVMFuzzerTestOneInput`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
