#pragma once

// Shared by the unit tests of the bands of the care ladder's counts: a small ladder
// scenario written inline.

#include <string>

namespace carecast::test {

// A care ladder of two placement types over three years, 2021/22 to 2023/24: `home`
// takes every entry (12 a year, growing with the demand index at 2% a year after the
// base year) and loses half its children a year to exits and a tenth to `away`, which
// loses 40% a year to exits. One option, `stay`, that changes nothing.
inline const std::string k_ladder_scenario = R"([scenario]
name = "Ladder"
base_year = "2021/22"
horizon = "2023/24"

[indices.demand]
default = 0.02

[lines.placements]
name = "Placements"

[ladder]
line = "placements"
order = ["home", "away"]

[ladder.entries]
per_year = 12
growth = "demand"

[ladder.types.home]
weekly_cost = 100
children = 10
entry_share = 1.0
exit_rate = 0.5

[ladder.types.away]
weekly_cost = 200
children = 10
entry_share = 0.0
exit_rate = 0.4

[ladder.moves]
home = [0, 0.1]
away = [0, 0]

[options.stay]
name = "Stay"
)";

} // namespace carecast::test
