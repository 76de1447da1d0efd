/* main.c: placeholder until the application lands (issue 7). */
int main(void);
int
main(void)
{
	return 0;
}
