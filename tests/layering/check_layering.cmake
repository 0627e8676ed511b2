# Checks that the #include lines of every .cpp and .hpp file under ROOT/src and
# ROOT/include follow the layering of ARCHITECTURE.md: a file includes headers of its
# own layer or an earlier one, never a later one, and each third-party library is
# included only in its one home. Run as
#   cmake -DROOT=<repository root> -P tests/layering/check_layering.cmake
# It fails listing every violation as `path:line: reason`, paths relative to ROOT.

cmake_minimum_required(VERSION 3.25)

# Layers in pipeline order: a file may include headers of its own rank or a lower one.
# A file under src/LAYER/ is in LAYER.
set(layer_ranks "scenario|0" "data|0" "model|1" "analysis|2" "report|2" "write|3" "cli|4")

# include/carecast/NAME.hpp is in the layer of the src/LAYER/NAME.cpp that implements
# it. Headers with no such file take their layer from here (NAME|LAYER).
set(header_layers "scenario|scenario" "writers|write")

# Third-party libraries and their one home (LIBRARY|HEADERS|HOME). HEADERS are include
# names, where one ending in / stands for every header in that folder; HOME lists the
# only files that may include them, as globs relative to ROOT.
set(library_homes
  "toml++|toml++/|src/scenario/loader.cpp src/scenario/reader.hpp src/scenario/reader.cpp src/scenario/read_*.cpp"
  "CLI11|CLI/|src/cli/*"
  "libxlsxwriter|xlsxwriter.h xlsxwriter/|src/write/xlsx_*"
  "nettle|nettle/|src/write/provenance.cpp")

if(NOT DEFINED ROOT OR NOT IS_DIRECTORY "${ROOT}/src")
  message(FATAL_ERROR "usage: cmake -DROOT=<repository root> -P ${CMAKE_CURRENT_LIST_FILE}")
endif()

foreach(entry IN LISTS layer_ranks)
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 0 layer)
  list(GET entry 1 rank_of_${layer})
  list(APPEND layers ${layer})
endforeach()

foreach(entry IN LISTS header_layers)
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 0 name)
  list(GET entry 1 listed_layer_of_${name})
endforeach()

# The layer of each src/LAYER/NAME.cpp, by NAME; "" for a NAME implemented in two
# layers, which places no header.
file(GLOB implementations RELATIVE "${ROOT}" "${ROOT}/src/*/*.cpp")
foreach(implementation IN LISTS implementations)
  get_filename_component(name "${implementation}" NAME_WE)
  get_filename_component(folder "${implementation}" DIRECTORY)
  get_filename_component(layer "${folder}" NAME)
  if(DEFINED implemented_in_${name} AND NOT "${implemented_in_${name}}" STREQUAL layer)
    set(implemented_in_${name} "")
  else()
    set(implemented_in_${name} ${layer})
  endif()
endforeach()

foreach(entry IN LISTS library_homes)
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 0 library)
  list(GET entry 1 headers)
  list(GET entry 2 home)
  string(REPLACE " " ";" home "${home}")
  list(APPEND libraries ${library})
  string(REPLACE " " ";" headers_of_${library} "${headers}")
  set(home_of_${library} "${home}")
  list(TRANSFORM home PREPEND "${ROOT}/")
  file(GLOB home_files_of_${library} RELATIVE "${ROOT}" ${home})
endforeach()

# Records a problem, the concatenation of the arguments; all are reported at the end.
function(report)
  string(CONCAT problem ${ARGN})
  set_property(GLOBAL APPEND PROPERTY layering_problems "${problem}")
endfunction()

# Sets OUT to the layer of PATH (relative to ROOT), or to "" when it has none; a path
# with no layer is reported once.
function(layer_of path out)
  set(layer "")
  get_filename_component(name "${path}" NAME_WE)
  if(path MATCHES "^src/([^/]+)/")
    if(CMAKE_MATCH_1 IN_LIST layers)
      set(layer ${CMAKE_MATCH_1})
    endif()
  elseif(path MATCHES "^include/")
    if(NOT "${implemented_in_${name}}" STREQUAL "")
      set(layer ${implemented_in_${name}})
    elseif(DEFINED listed_layer_of_${name})
      set(layer ${listed_layer_of_${name}})
    endif()
  endif()
  if(layer STREQUAL "")
    set_property(GLOBAL APPEND PROPERTY paths_without_layer "${path}")
  endif()
  set(${out} "${layer}" PARENT_SCOPE)
endfunction()

# Sets OUT to the third-party library that INCLUDED (an include name) belongs to, or "".
function(library_of included out)
  set(${out} "" PARENT_SCOPE)
  foreach(library IN LISTS libraries)
    foreach(header IN LISTS headers_of_${library})
      string(FIND "${included}" "${header}" position)
      if(included STREQUAL header OR (header MATCHES "/$" AND position EQUAL 0))
        set(${out} ${library} PARENT_SCOPE)
        return()
      endif()
    endforeach()
  endforeach()
endfunction()

# Sets OUT to the path, relative to ROOT, of the project file that INCLUDED names when
# PATH includes it; "" for a system or third-party header.
function(resolve_include path delimiter included out)
  if(included MATCHES "^carecast/")
    set(target "include/${included}")
  elseif(delimiter STREQUAL "\"")
    get_filename_component(folder "${path}" DIRECTORY)
    cmake_path(SET target NORMALIZE "${folder}/${included}")
  else()
    set(target "")
  endif()
  set(${out} "${target}" PARENT_SCOPE)
endfunction()

# Checks the #include at LINE of PATH, a file in LAYER ("" when it has none).
function(check_include path line layer delimiter included)
  if(delimiter STREQUAL "<")
    set(shown "<${included}>")
  else()
    set(shown "\"${included}\"")
  endif()
  library_of("${included}" library)
  if(NOT library STREQUAL "")
    if(NOT path IN_LIST home_files_of_${library})
      string(REPLACE ";" ", " home "${home_of_${library}}")
      report("${path}:${line}: ${shown} is ${library}, which only ${home} may include")
    endif()
    return()
  endif()
  resolve_include("${path}" "${delimiter}" "${included}" target)
  if(target STREQUAL "")
    return()
  endif()
  layer_of("${target}" target_layer)
  if(layer STREQUAL "" OR target_layer STREQUAL "")
    return()
  endif()
  if(${rank_of_${target_layer}} GREATER ${rank_of_${layer}})
    report("${path}:${line}: ${shown} is in the ${target_layer} layer (rank "
           "${rank_of_${target_layer}}), after ${layer} (rank ${rank_of_${layer}}) "
           "in the pipeline")
  endif()
endfunction()

# Checks every #include line of PATH; sets OUT to how many there are.
function(check_file path out)
  layer_of("${path}" layer)
  file(READ "${ROOT}/${path}" text)
  # Split into lines, keeping line numbers: characters that would split or join list
  # items are blanked first; they never occur in an include name.
  foreach(character ";" "[" "]" "\\" "\r")
    string(REPLACE "${character}" " " text "${text}")
  endforeach()
  string(REPLACE "\n" ";" lines "${text}")
  set(number 0)
  set(includes 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*([<\"])([^>\"]*)[>\"]")
      math(EXPR includes "${includes} + 1")
      check_include("${path}" ${number} "${layer}" "${CMAKE_MATCH_1}" "${CMAKE_MATCH_2}")
    endif()
  endforeach()
  set(${out} ${includes} PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE files RELATIVE "${ROOT}"
  "${ROOT}/src/*.cpp" "${ROOT}/src/*.hpp" "${ROOT}/include/*.cpp" "${ROOT}/include/*.hpp")
list(SORT files)
list(LENGTH files file_count)
set(include_count 0)
foreach(path IN LISTS files)
  check_file("${path}" includes)
  math(EXPR include_count "${include_count} + ${includes}")
endforeach()

get_property(paths_without_layer GLOBAL PROPERTY paths_without_layer)
list(REMOVE_DUPLICATES paths_without_layer)
list(SORT paths_without_layer)
foreach(path IN LISTS paths_without_layer)
  get_filename_component(name "${path}" NAME_WE)
  if(path MATCHES "^include/")
    report("${path}: has no layer: no single src/*/${name}.cpp implements it and "
           "header_layers in tests/layering/check_layering.cmake has no entry for it")
  else()
    string(REPLACE ";" "/, src/" folders "${layers}")
    report("${path}: has no layer: layers are the folders src/${folders}/")
  endif()
endforeach()

get_property(problems GLOBAL PROPERTY layering_problems)
list(LENGTH problems problem_count)
if(problem_count EQUAL 0)
  message("layering: ${file_count} files, ${include_count} includes checked, no violation")
else()
  # Lines that start with a space are printed as they are, one per line.
  list(TRANSFORM problems PREPEND " ")
  string(REPLACE ";" "\n" listing "${problems}")
  if(problem_count EQUAL 1)
    set(violations "1 violation")
  else()
    set(violations "${problem_count} violations")
  endif()
  message(FATAL_ERROR "${listing}\n layering: ${violations} in "
                      "${file_count} files, ${include_count} includes checked")
endif()
