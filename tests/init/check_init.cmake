# Checks that `carecast init` writes a scenario that validates and runs as written:
# writes STARTER with --force (a rerun replaces the last one), then validates and
# compares it. A golden case cannot do this, as it has no path of its own to write to.

function(run_carecast)
  execute_process(
    COMMAND ${CARECAST} ${ARGN}
    RESULT_VARIABLE exit_code
    OUTPUT_VARIABLE output
    ERROR_VARIABLE errors)
  if(NOT exit_code EQUAL 0)
    message(FATAL_ERROR "carecast ${ARGN} exited with ${exit_code}:\n${output}${errors}")
  endif()
endfunction()

get_filename_component(starter_dir ${STARTER} DIRECTORY)
file(MAKE_DIRECTORY ${starter_dir})
run_carecast(init ${STARTER} --force)
run_carecast(validate ${STARTER})
run_carecast(compare ${STARTER})
