// The GIFT importer on a file's text, as `qkv pack import FILE.gift` runs it (see
// ../import_check.hpp): read_gift, then validation and lint of the pack it makes, then the pack
// exported as GIFT and read again.
#include "../import_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  qkv_fuzz::import_check(qkv::interchange::Format::gift, qkv::interchange::ExportFormat::gift,
                         data, size);
  return 0;
}
