// The Moodle XML importer on a file's text, as `qkv pack import FILE.xml` runs it (see
// ../import_check.hpp): read_moodle_xml, then validation and lint of the pack it makes, then the
// pack exported as Moodle XML and read again.
#include "../import_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  qkv_fuzz::import_check(qkv::interchange::Format::moodle_xml,
                         qkv::interchange::ExportFormat::moodle_xml, data, size);
  return 0;
}
