#pragma once
// Measures how often person-name keys (variant skeleton, cross-script consonant key) are shared
// by different people of the gazetteer: printed by build_gazetteer on each build.
#include <cstddef>

#include "daemon/entities/gazetteer.h"

namespace newsd::gazbuild {

void report_person_key_collisions(const entities::gazetteer& g, size_t min_len);

}  // namespace newsd::gazbuild
