#include "estimate.h"
