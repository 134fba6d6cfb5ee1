/* acctplan: the command line, or with no command the console. The commands
 * and their options are the tables of cli.h; the console starts only after
 * the command line has been read, and never for a command. */
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "../ui/console.h"

int main(int argc, char **argv)
{
	struct cli c;
	int rc;

#ifdef __GLIBC__
	/* Memory freed at the top of the heap stays for the next use, up to
	 * 64 MB, instead of going back to the system at 128 KB (glibc's
	 * default): SQLite's page cache is freed and allocated again as it
	 * shrinks and grows, and each page of memory a process gets anew
	 * costs a fault when first touched (some 10 us on a virtual machine
	 * like CI's). A day's rollover of the 100,000-account book took
	 * 2,680 faults, 1,045 so. The peak of memory is the same. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
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
