# Lists the cases of a doctest binary and writes a CTest file with one test per case, so that
# ctest lists, runs (in parallel with -j) and reports every case by name. Run after each build
# of the binary (a POST_BUILD step made by qkv_discover_tests in CMakeLists.txt):
#
#   cmake -D TEST_EXECUTABLE=... -D TEST_PREFIX=unit/ -D PROPERTIES_FILE=... -D CTEST_FILE=...
#         -P discover_doctest.cmake
#
# It does what doctest's own doctest_discover_tests does, without its one limit that matters
# here: that script splits the binary's listing into a CMake list, so a case named with a ';'
# (48 of ours) is cut in two. This one walks the listing line by line and never makes a list of
# names; every name is written as a bracket argument, so any character but a newline is kept.
# PROPERTIES_FILE holds the properties every case gets, as CMake arguments (written at configure
# time by qkv_discover_tests).
execute_process(COMMAND "${TEST_EXECUTABLE}" --list-test-cases --no-version
                OUTPUT_VARIABLE listing RESULT_VARIABLE result ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${TEST_EXECUTABLE} --list-test-cases failed (${result}): ${errors}")
endif()
file(READ "${PROPERTIES_FILE}" properties)
set(script "")
set(count 0)
while(NOT listing STREQUAL "")
  string(FIND "${listing}" "\n" end)
  if(end EQUAL -1)
    set(line "${listing}")
    set(listing "")
  else()
    string(SUBSTRING "${listing}" 0 ${end} line)
    math(EXPR next "${end} + 1")
    string(SUBSTRING "${listing}" ${next} -1 listing)
  endif()
  if(line STREQUAL "" OR line MATCHES "^\\[doctest\\]" OR line MATCHES "^=+$")
    continue()
  endif()
  if(line MATCHES "\\]==\\]")
    message(FATAL_ERROR "a test case's name holds ']==]', which this script cannot quote: ${line}")
  endif()
  # doctest's --test-case takes a comma-separated list of patterns: a comma in a name is \,
  string(REPLACE "," "\\," filter "${line}")
  string(APPEND script
         "add_test([==[${TEST_PREFIX}${line}]==] [==[${TEST_EXECUTABLE}]==] [==[--test-case=${filter}]==])\n"
         "set_tests_properties([==[${TEST_PREFIX}${line}]==] PROPERTIES ${properties})\n")
  math(EXPR count "${count} + 1")
endwhile()
if(count EQUAL 0)
  message(FATAL_ERROR "${TEST_EXECUTABLE} lists no test case")
endif()
file(WRITE "${CTEST_FILE}" "${script}")
