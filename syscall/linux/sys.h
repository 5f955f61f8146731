/*
 * The generic Linux syscall handlers, one per system call, referenced by the per-ISA
 * syscall tables in syscall/abi. Each takes the raw guest argument words and returns the
 * result or a negative Linux errno; the file that defines each group is noted below.
 */
#ifndef FERRY_SYS_H
#define FERRY_SYS_H

#include "syscall/abi/abi.h"
#include "syscall/linux/safe_syscall.h"

#define SYS_DECLARE(name) int64_t sys_##name(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6]);

/* clang-format off */
/* fs.c */
#define SYS_FS(X) \
	X(openat) X(close) X(close_range) X(readlinkat) X(faccessat) X(faccessat2) \
	X(mkdirat) X(mknodat) X(unlinkat) X(renameat) X(renameat2) X(symlinkat) \
	X(linkat) X(fchmod) X(fchmodat) X(fchown) X(fchownat) X(utimensat) X(truncate) \
	X(ftruncate) X(fsync) X(fdatasync) X(sync) X(fadvise64) X(fallocate) X(flock)
/* fs_dir.c */
#define SYS_FS_DIR(X) X(getcwd) X(chdir) X(fchdir) X(umask) X(getdents64)
/* fs_stat.c */
#define SYS_FS_STAT(X) X(fstat) X(newfstatat) X(statx) X(statfs) X(fstatfs)
/* io.c */
#define SYS_IO(X) \
	X(read) X(write) X(pread64) X(pwrite64) X(readv) X(writev) X(preadv) X(pwritev) \
	X(lseek) X(dup) X(dup3) X(pipe2)
/* fcntl.c, poll.c, ioctl.c */
#define SYS_FD(X) X(fcntl) X(ppoll) X(pselect6) X(ioctl)
/* mm.c */
#define SYS_MM(X) \
	X(brk) X(mmap) X(munmap) X(mprotect) X(mremap) X(madvise) X(msync) \
	X(riscv_flush_icache)
/* proc.c */
#define SYS_PROC(X) \
	X(exit) X(exit_group) X(uname) X(sysinfo) X(getrandom) X(set_tid_address) \
	X(sched_getaffinity) X(sched_yield) X(prctl) X(personality) \
	X(getrusage) X(wait4)
/* futex.c */
#define SYS_FUTEX(X) X(futex) X(futex_waitv) X(set_robust_list) X(get_robust_list)
/* fork.c */
#define SYS_FORK(X) X(clone)
/* rlimit.c */
#define SYS_RLIMIT(X) X(prlimit64) X(getrlimit) X(setrlimit)
/* proc_ids.c */
#define SYS_IDS(X) \
	X(getpid) X(gettid) X(getppid) X(getuid) X(geteuid) X(getgid) X(getegid) \
	X(setuid) X(setgid) X(setreuid) X(setregid) X(setresuid) X(getresuid) \
	X(setresgid) X(getresgid) X(setfsuid) X(setfsgid) X(getgroups) X(setgroups) \
	X(getpgid) X(setpgid) X(getsid) X(setsid)
/* time.c */
#define SYS_TIME(X) \
	X(clock_gettime) X(clock_getres) X(gettimeofday) X(nanosleep) X(clock_nanosleep) \
	X(times) X(setitimer) X(getitimer)
/* signal_state.c, signal_default.c, signal_deliver.c, signal_wait.c */
#define SYS_SIGNAL(X) \
	X(rt_sigaction) X(rt_sigprocmask) X(sigaltstack) X(kill) X(tkill) X(tgkill) \
	X(rt_sigqueueinfo) X(rt_tgsigqueueinfo) X(rt_sigreturn) X(rt_sigsuspend) \
	X(rt_sigpending) X(rt_sigtimedwait) X(signalfd4)
/* epoll.c, eventfd_timerfd.c, inotify.c */
#define SYS_IO_EVENTS(X) \
	X(epoll_create1) X(epoll_ctl) X(epoll_pwait) X(epoll_pwait2) X(eventfd2) \
	X(timerfd_create) X(timerfd_settime) X(timerfd_gettime) X(inotify_init1) \
	X(inotify_add_watch) X(inotify_rm_watch)
/* splice.c, xattr.c */
#define SYS_IO_COPY(X) \
	X(splice) X(tee) X(vmsplice) X(sendfile) X(copy_file_range) X(sync_file_range) \
	X(readahead) X(setxattr) X(lsetxattr) X(fsetxattr) X(getxattr) X(lgetxattr) \
	X(fgetxattr) X(listxattr) X(llistxattr) X(flistxattr) X(removexattr) \
	X(lremovexattr) X(fremovexattr)
/* ipc_shm.c, ipc_sem_msg.c */
#define SYS_IPC(X) \
	X(shmget) X(shmat) X(shmdt) X(shmctl) X(semget) X(semop) X(semtimedop) X(semctl) \
	X(msgget) X(msgsnd) X(msgrcv) X(msgctl)
/* sched.c, mm_lock.c */
#define SYS_SCHED_MM(X) \
	X(sched_setaffinity) X(sched_setparam) X(sched_getparam) X(sched_setscheduler) \
	X(sched_getscheduler) X(sched_get_priority_max) X(sched_get_priority_min) \
	X(sched_rr_get_interval) X(getcpu) X(getpriority) X(setpriority) X(mlock) X(mlock2) \
	X(munlock) X(mlockall) X(munlockall) X(mincore) X(memfd_create) X(membarrier) \
	X(process_vm_readv) X(process_vm_writev)
/* caps_ns.c */
#define SYS_ADMIN(X) \
	X(capget) X(capset) X(seccomp) X(unshare) X(setns) X(chroot) X(umount2) X(mount) \
	X(pivot_root) X(sethostname) X(setdomainname) X(syslog) X(reboot) X(acct) X(swapon) \
	X(swapoff)
/* exec.c, proc_other.c */
#define SYS_EXEC(X) \
	X(execve) X(execveat) X(waitid) X(clone3) X(pidfd_open) X(pidfd_send_signal)
/* net_socket.c, net_msg.c, net_sockopt.c */
#define SYS_NET(X) \
	X(socket) X(socketpair) X(bind) X(listen) X(accept) X(accept4) X(connect) \
	X(getsockname) X(getpeername) X(sendto) X(recvfrom) X(shutdown) X(setsockopt) \
	X(getsockopt) X(sendmsg) X(recvmsg) X(sendmmsg) X(recvmmsg)
/* clang-format on */
SYS_FS(SYS_DECLARE)
SYS_FS_DIR(SYS_DECLARE)
SYS_FS_STAT(SYS_DECLARE)
SYS_IO(SYS_DECLARE)
SYS_FD(SYS_DECLARE)
SYS_MM(SYS_DECLARE)
SYS_PROC(SYS_DECLARE)
SYS_RLIMIT(SYS_DECLARE)
SYS_IDS(SYS_DECLARE)
SYS_TIME(SYS_DECLARE)
SYS_FORK(SYS_DECLARE)
SYS_FUTEX(SYS_DECLARE)
SYS_SIGNAL(SYS_DECLARE)
SYS_IO_EVENTS(SYS_DECLARE)
SYS_IO_COPY(SYS_DECLARE)
SYS_IPC(SYS_DECLARE)
SYS_SCHED_MM(SYS_DECLARE)
SYS_ADMIN(SYS_DECLARE)
SYS_EXEC(SYS_DECLARE)
SYS_NET(SYS_DECLARE)

#endif
