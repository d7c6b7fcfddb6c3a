// BerthPluginABI is a header-only C interface; SwiftPM needs one source file to build the module.
#include "berth_plugin.h"
