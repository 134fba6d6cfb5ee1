/* Interim entry until the console lands: prints the board. */
#include "../cli/cli.h"

int ui_run(struct cli *c)
{
	return cmd_board(c);
}
