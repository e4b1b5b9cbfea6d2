#include "daemon/scheduler/scheduler.h"
