/* acctplan: the command line, or with no command the console. The commands
 * and their options are the tables of cli.h; the console starts only after
 * the command line has been read, and never for a command. */
#include <locale.h>

#include "cli.h"
#include "../ui/console.h"

int main(int argc, char **argv)
{
	struct cli c;
	int rc;

	setlocale(LC_ALL, "");
	cli_init(&c, argc, argv);
	rc = cli_run(&c);
	if (rc == CLI_CONSOLE) {
		c.app.progress = cli_progress(); /* a rebuild before the screen starts */
		rc = ui_run(&c.app);
	}
	app_done(&c.app);
	return rc;
}
