// The Aiken importer on a file's text, as `qkv pack import FILE.aiken` runs it (see
// ../import_check.hpp): read_aiken, then validation and lint of the pack it makes, then the pack
// exported as Aiken and read again.
#include "../import_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  qkv_fuzz::import_check(qkv::interchange::Format::aiken, qkv::interchange::ExportFormat::aiken,
                         data, size);
  return 0;
}
