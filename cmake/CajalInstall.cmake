# `cmake --install build --prefix P`: the commands in P/bin, the libraries
# (static) in P/lib, every public header under P/include (the folders the
# run-time .mod compiler compiles against, see mechanisms/compiler/src/
# mechanism_headers.cpp), and the CMake package P/lib/cmake/cajal, whose
# targets are cajal::<library without its cajal_ prefix> and cajal::cajal.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Installed, they keep finding the shared libraries they link outside the
# build tree (the CUDA runtime).
set_target_properties(cajal cajal-nmodl PROPERTIES INSTALL_RPATH_USE_LINK_PATH ON)
install(TARGETS cajal cajal-nmodl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# cajal_warnings is exported only because static libraries name their private
# dependencies in their link interface ($<LINK_ONLY:...>); it adds nothing
# to a consumer's compile.
set(cajal_exported_targets
  cajal_support cajal_morphology cajal_kernels cajal_mechanism_interface cajal_builtin_mechanisms
  cajal_mechanisms cajal_nmodl cajal_core cajal_analysis cajal_study cajal_io cajal_library cajal_warnings)
# Exported as cajal::<name without cajal_>, cajal_library as cajal::cajal; the
# same names are aliases in the build tree, for a project that adds cajal as a
# subdirectory.
foreach(target IN LISTS cajal_exported_targets)
  string(REGEX REPLACE "^cajal_(library)?" "" name ${target})
  if(name STREQUAL "")
    set(name cajal)
  endif()
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  add_library(cajal::${name} ALIAS ${target})
endforeach()
install(TARGETS ${cajal_exported_targets} EXPORT cajalTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

foreach(folder support morphology kernels mechanisms mechanisms/compiler core analysis study io)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${folder}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()

set(cajal_package_dir ${CMAKE_INSTALL_LIBDIR}/cmake/cajal)
install(EXPORT cajalTargets NAMESPACE cajal:: DESTINATION ${cajal_package_dir})
# The consumer finds the CUDA toolkit cajal was built with, unless told otherwise.
if(CAJAL_HAVE_CUDA)
  get_filename_component(CAJAL_CUDA_TOOLKIT_ROOT "${CUDAToolkit_BIN_DIR}" DIRECTORY)
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/cajalConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cajalConfig.cmake INSTALL_DESTINATION ${cajal_package_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cajalConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cajalConfig.cmake ${PROJECT_BINARY_DIR}/cajalConfigVersion.cmake ${PROJECT_SOURCE_DIR}/cmake/FindSLEEF.cmake
  DESTINATION ${cajal_package_dir})
