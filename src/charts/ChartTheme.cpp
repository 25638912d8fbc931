#include "ChartTheme.h"
