#ifndef PARLEY_CSPAWN_H
#define PARLEY_CSPAWN_H

#include <spawn.h>

/// Adds "close every descriptor from `lowest` up" to `actions` (glibc's
/// posix_spawn_file_actions_addclosefrom_np, which Swift cannot see without _GNU_SOURCE).
int parley_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
