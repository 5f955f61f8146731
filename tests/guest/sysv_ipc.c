/*
 * SysV IPC: a shared-memory segment written by a forked child and read by its parent,
 * attach-address rules (SHM_RND, SHM_REMAP, read-only attaches), semaphores used to
 * wait for a child, a message queue round trip with type selection and truncation, and
 * IPC_RMID cleanup of all three.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s (%s)\n", what, strerror(errno));
		exit(1);
	}
}

static int wait_child(pid_t pid)
{
	int st;
	check(waitpid(pid, &st, 0) == pid, "waitpid");
	return st;
}

static void test_shm(void)
{
	int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
	check(id >= 0, "shmget");
	char *mem = shmat(id, NULL, 0);
	check(mem != (void *)-1, "shmat");
	printf("shm fresh: %d zero\n", mem[0] == 0 && mem[9999] == 0);
	pid_t pid = fork();
	if (pid == 0) {
		strcpy(mem, "written by the child");
		char *again = shmat(id, NULL, 0);
		again[5000] = 42;
		shmdt(again);
		_exit(0);
	}
	wait_child(pid);
	printf("shm from child: \"%s\" %d\n", mem, mem[5000]);
	struct shmid_ds ds;
	check(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT");
	printf("segsz %zu nattch %lu mode %o creator %d\n", ds.shm_segsz,
	       (unsigned long)ds.shm_nattch, ds.shm_perm.mode & 0777, ds.shm_cpid == getpid());
	ds.shm_perm.mode = 0640;
	check(shmctl(id, IPC_SET, &ds) == 0, "IPC_SET");
	check(shmctl(id, IPC_STAT, &ds) == 0, "IPC_STAT");
	printf("mode after IPC_SET %o\n", ds.shm_perm.mode & 0777);

	char *want = mem;
	check(shmdt(mem) == 0, "shmdt");
	int r = shmdt(mem);
	printf("shmdt twice: %d %s\n", r, strerror(errno));
	r = shmdt(want + 1);
	printf("shmdt unaligned: %d %s\n", r, strerror(errno));
	char *p = shmat(id, want + 123, 0);
	printf("unaligned without SHM_RND: %s\n", p == (void *)-1 ? strerror(errno) : "attached");
	p = shmat(id, want + 123, SHM_RND);
	printf("SHM_RND rounds down: %d\n", p == want);
	char *q = shmat(id, want, 0);
	printf("onto an attach: %s\n", q == (void *)-1 ? strerror(errno) : "attached");
	q = shmat(id, want, SHM_REMAP);
	printf("SHM_REMAP: %d, text \"%s\"\n", q == want, q);
	check(shmdt(q) == 0, "shmdt");
	q = shmat(id, NULL, SHM_REMAP);
	printf("SHM_REMAP without address: %s\n", q == (void *)-1 ? strerror(errno) : "attached");

	const char *ro = shmat(id, NULL, SHM_RDONLY);
	check(ro != (void *)-1, "shmat rdonly");
	printf("read-only attach reads \"%s\"\n", ro);
	pid = fork();
	if (pid == 0) {
		*(volatile char *)ro = 'X';
		_exit(0);
	}
	int st = wait_child(pid);
	printf("write to read-only attach: %s\n",
	       WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "no fault");
	check(shmdt(ro) == 0, "shmdt");
	check(shmctl(id, IPC_RMID, NULL) == 0, "IPC_RMID");
	r = shmctl(id, IPC_STAT, &ds);
	printf("after IPC_RMID: %d %s\n", r, strerror(errno));
}

static void test_sem(void)
{
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	check(id >= 0, "semget");
	unsigned short vals[2] = {3, 0}, got[2] = {0, 0};
	check(semctl(id, 0, SETALL, vals) == 0, "SETALL");
	check(semctl(id, 0, GETALL, got) == 0, "GETALL");
	printf("sem values %u %u\n", got[0], got[1]);
	struct sembuf dec = {0, -2, 0};
	check(semop(id, &dec, 1) == 0, "semop");
	printf("after -2: %d\n", semctl(id, 0, GETVAL));
	check(semctl(id, 0, SETVAL, 7) == 0, "SETVAL");
	printf("after SETVAL: %d\n", semctl(id, 0, GETVAL));
	struct sembuf wait1 = {1, -1, 0};
	struct timespec ts = {0, 10000000};
	int r = semtimedop(id, &wait1, 1, &ts);
	printf("semtimedop on zero: %d %s\n", r, strerror(errno));
	struct sembuf nowait = {1, -1, IPC_NOWAIT};
	r = semop(id, &nowait, 1);
	printf("IPC_NOWAIT on zero: %d %s\n", r, strerror(errno));
	pid_t pid = fork();
	if (pid == 0) {
		struct sembuf post = {1, 1, 0};
		semop(id, &post, 1);
		_exit(0);
	}
	check(semop(id, &wait1, 1) == 0, "wait for child");
	wait_child(pid);
	printf("child posted, last operation ours: %d\n", semctl(id, 1, GETPID) == getpid());
	struct semid_ds ds;
	check(semctl(id, 0, IPC_STAT, &ds) == 0, "IPC_STAT");
	printf("nsems %lu mode %o\n", (unsigned long)ds.sem_nsems, ds.sem_perm.mode & 0777);
	r = semop(id, &dec, 0);
	printf("zero operations: %d %s\n", r, strerror(errno));
	check(semctl(id, 0, IPC_RMID) == 0, "IPC_RMID");
	r = semctl(id, 0, GETVAL);
	printf("after IPC_RMID: %d %s\n", r, strerror(errno));
}

struct msg {
	long mtype;
	char mtext[32];
};

static void test_msg(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	check(id >= 0, "msgget");
	struct msg m = {5, "hello"};
	check(msgsnd(id, &m, 6, 0) == 0, "msgsnd");
	m.mtype = 2;
	strcpy(m.mtext, "world");
	check(msgsnd(id, &m, 6, 0) == 0, "msgsnd");
	m.mtype = 9;
	strcpy(m.mtext, "a longer message");
	check(msgsnd(id, &m, 17, 0) == 0, "msgsnd");
	struct msqid_ds ds;
	check(msgctl(id, IPC_STAT, &ds) == 0, "IPC_STAT");
	printf("queue: %lu messages, %lu bytes\n", (unsigned long)ds.msg_qnum,
	       (unsigned long)ds.__msg_cbytes);
	struct msg in;
	ssize_t n = msgrcv(id, &in, sizeof in.mtext, -3, 0);
	printf("type <= 3: %zd type %ld \"%s\"\n", n, in.mtype, in.mtext);
	n = msgrcv(id, &in, sizeof in.mtext, 0, 0);
	printf("first: %zd type %ld \"%s\"\n", n, in.mtype, in.mtext);
	n = msgrcv(id, &in, 4, 9, IPC_NOWAIT);
	printf("too small: %zd %s\n", n, strerror(errno));
	memset(&in, 0, sizeof in);
	n = msgrcv(id, &in, 4, 9, MSG_NOERROR);
	printf("truncated: %zd type %ld \"%s\"\n", n, in.mtype, in.mtext);
	n = msgrcv(id, &in, sizeof in.mtext, 0, IPC_NOWAIT);
	printf("empty: %zd %s\n", n, strerror(errno));
	m.mtype = 0;
	int r = msgsnd(id, &m, 1, 0);
	printf("type 0: %d %s\n", r, strerror(errno));
	pid_t pid = fork();
	if (pid == 0) {
		struct msg c = {7, "from the child"};
		msgsnd(id, &c, strlen(c.mtext) + 1, 0);
		_exit(0);
	}
	n = msgrcv(id, &in, sizeof in.mtext, 7, 0);
	wait_child(pid);
	printf("child sent: %zd type %ld \"%s\"\n", n, in.mtype, in.mtext);
	check(msgctl(id, IPC_STAT, &ds) == 0, "IPC_STAT");
	printf("last sender is child: %d\n", ds.msg_lspid == pid);
	check(msgctl(id, IPC_RMID, NULL) == 0, "IPC_RMID");
	r = msgsnd(id, &m, 1, 0);
	printf("after IPC_RMID: %d %s\n", r, strerror(errno));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	test_shm();
	test_sem();
	test_msg();
	return 0;
}
