# Installs a build into a fresh prefix and uses it as an outside project does
# (tests/install/CMakeLists.txt passes the variables):
#  1. `cmake --install BUILD_DIR --prefix WORK/prefix`;
#  2. configures and builds consumer/ (find_package(cajal), cajal::cajal)
#     against that prefix alone;
#  3. the consumer runs MODEL and must count the spikes that the build's own
#     cajal writes for it;
#  4. the installed cajal runs NMODL_MODEL, compiling its .mod folder against
#     WORK/prefix/include (the cached library's build.txt says which headers).

# Runs a command; a failure ends the test with its output.
function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    string(JOIN " " command ${ARGN})
    message(FATAL_ERROR "${what} failed (${status}):\n${command}\n${out}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

set(prefix ${work}/prefix)
file(REMOVE_RECURSE ${work})

run_step("installing" ${CMAKE_COMMAND} --install ${build_dir} --prefix ${prefix})
foreach(expected bin/cajal bin/cajal-nmodl lib/cmake/cajal/cajalConfig.cmake lib/cmake/cajal/cajalConfigVersion.cmake
                 include/cajal/io/model_file.hpp include/cajal/mechanisms/mechanism_library.hpp include/cajal/kernels/host_device.hpp)
  if(NOT EXISTS ${prefix}/${expected})
    message(FATAL_ERROR "the installation lacks ${expected}")
  endif()
endforeach()

# The prefix first; then where the build found its own dependencies.
run_step("configuring the consumer" ${CMAKE_COMMAND} -E env "CMAKE_PREFIX_PATH=${prefix}:${prefix_path}"
         ${CMAKE_COMMAND} -S ${consumer_source} -B ${work}/consumer -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=${cxx})
run_step("building the consumer" ${CMAKE_COMMAND} --build ${work}/consumer)

run_step("the consumer" ${work}/consumer/consumer ${model})
if(NOT step_output MATCHES "spikes: ([0-9]+)")
  message(FATAL_ERROR "the consumer printed no spike count:\n${step_output}")
endif()
set(consumer_spikes ${CMAKE_MATCH_1})
run_step("the build's cajal" ${reference_cajal} run ${model} -o ${work}/reference -q)
file(STRINGS ${work}/reference/spikes.csv lines)
list(LENGTH lines reference_spikes)
math(EXPR reference_spikes "${reference_spikes} - 1")   # the header
if(NOT consumer_spikes EQUAL reference_spikes OR reference_spikes EQUAL 0)
  message(FATAL_ERROR "the consumer counted ${consumer_spikes} spikes, cajal run wrote ${reference_spikes}")
endif()
message(STATUS "the consumer and cajal run: ${consumer_spikes} spikes")

run_step("the installed cajal on a model with an nmodl folder"
         ${CMAKE_COMMAND} -E env --unset=CAJAL_NMODL_INCLUDE CAJAL_CACHE_DIR=${work}/cache
         ${prefix}/bin/cajal run ${nmodl_model} -o ${work}/nmodl_run -q)
file(GLOB commands ${work}/cache/nmodl/*/build.txt)
if(NOT commands)
  message(FATAL_ERROR "no library was built in ${work}/cache")
endif()
file(READ ${commands} text)
string(FIND "${text}" "-I'${prefix}/include'" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the installed cajal compiled the .mod folder against other headers than ${prefix}/include:\n${text}")
endif()
message(STATUS "the installed cajal compiled .mod files against ${prefix}/include")
