# Runs one golden case: the carecast binary with the arguments in CASE_DIR/args (one
# per line) and the environment of CASE_DIR/env if there is one, from the repository
# root, compared with CASE_DIR/stdout, CASE_DIR/stderr and CASE_DIR/exit_code. With
# CARECAST_UPDATE_GOLDEN=1 in the environment it rewrites those files from the actual
# run instead, for review with git diff.
#
# In the Windows build EMULATOR (Wine) runs carecast.exe, and a case listed in
# windows_tolerance.txt may differ in numbers that depend on the C maths library: those
# are compared to 1e-10 relative by compare_numbers.py (docs/windows.md).

cmake_policy(SET CMP0057 NEW) # if(... IN_LIST ...)

file(STRINGS ${CASE_DIR}/args arguments)
# Charts are drawn 80 columns wide unless the case's optional `env` file (NAME=VALUE
# lines) says otherwise, whatever the environment running the tests.
set(environment COLUMNS=80 --unset=NO_COLOR)
if(EXISTS ${CASE_DIR}/env)
  file(STRINGS ${CASE_DIR}/env case_environment)
  list(APPEND environment ${case_environment})
endif()
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env ${environment} ${EMULATOR} ${CARECAST} ${arguments}
  OUTPUT_FILE ${WORK_DIR}/stdout
  ERROR_FILE ${WORK_DIR}/stderr
  RESULT_VARIABLE exit_code)
file(WRITE ${WORK_DIR}/exit_code "${exit_code}\n")

get_filename_component(case_name ${CASE_DIR} NAME)
file(STRINGS ${CMAKE_CURRENT_LIST_DIR}/windows_tolerance.txt tolerant REGEX "^[a-z0-9_]+$")
set(tolerance FALSE)
if(EMULATOR AND case_name IN_LIST tolerant)
  set(tolerance TRUE)
endif()

set(failed FALSE)
foreach(part stdout stderr exit_code)
  if("$ENV{CARECAST_UPDATE_GOLDEN}" STREQUAL "1")
    file(COPY_FILE ${WORK_DIR}/${part} ${CASE_DIR}/${part})
    continue()
  endif()
  if(NOT EXISTS ${CASE_DIR}/${part})
    message(SEND_ERROR "${CASE_DIR}/${part} is missing; run with CARECAST_UPDATE_GOLDEN=1")
    set(failed TRUE)
    continue()
  endif()
  execute_process(
    COMMAND diff -u ${CASE_DIR}/${part} ${WORK_DIR}/${part}
    RESULT_VARIABLE differs
    OUTPUT_VARIABLE difference)
  if(differs AND tolerance)
    execute_process(
      COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/compare_numbers.py ${CASE_DIR}/${part}
              ${WORK_DIR}/${part}
      RESULT_VARIABLE differs
      OUTPUT_VARIABLE difference)
  endif()
  if(differs)
    message("${part} differs from ${CASE_DIR}/${part}:\n${difference}")
    set(failed TRUE)
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "golden case ${CASE_DIR} failed")
endif()
