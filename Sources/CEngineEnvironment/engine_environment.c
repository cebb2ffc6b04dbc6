#include <stdlib.h>

// ggml's CPU backend calls setenv("KMP_BLOCKTIME", "200", 0) the first time a model loads. setenv
// while another thread reads the environment (Foundation's ProcessInfo does) can crash the
// process. Setting it here, while the process is still single-threaded, turns ggml's call into a
// no-op, since it never overwrites.
__attribute__((constructor)) static void parley_engine_environment(void) {
    setenv("KMP_BLOCKTIME", "200", 0);
}
