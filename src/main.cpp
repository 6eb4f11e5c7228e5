#include "app/app_main.hpp"

int main(int argc, char** argv) {
  return qkv::app_main(argc, argv);
}
