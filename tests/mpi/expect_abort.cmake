# Runs `command` ('|'-separated) and passes when it exits non-zero within
# `timeout` seconds with `expect` in its stderr: an abort on one rank ends every
# rank, with its message, and never hangs; and, where `absent` names a path,
# leaves nothing there.
string(REPLACE "|" ";" command "${command}")
execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT ${timeout})
message("${out}${err}")
if(status MATCHES "timeout")
  message(FATAL_ERROR "still running after ${timeout} s: the abort did not end every rank")
elseif(status EQUAL 0)
  message(FATAL_ERROR "exit status 0, expected a failure")
endif()
string(FIND "${err}" "${expect}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "stderr lacks '${expect}'")
endif()
# Nothing written, where the caller names the output folder.
if(absent AND EXISTS "${absent}")
  message(FATAL_ERROR "${absent} was written")
endif()
message(STATUS "exit status ${status}, with the message")
