/* Start-up benchmark guest: the smallest useful dynamic program. */
#include <stdio.h>

int main(void)
{
	puts("hello");
	return 0;
}
