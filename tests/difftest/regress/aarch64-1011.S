/* difftest regression aarch64-1011: the case file it was emitted from:
 * isa aarch64
 * seq 7109788392346916789 50
 * u 423 0x7e6169fe 0
 */
	.arch armv8-a+crc+aes+sha2+lse+rcpc
	.text
	.globl _start
_start:
	adrp x0, altstack_desc
	add x0, x0, :lo12:altstack_desc
	mov x1, #0
	mov x8, #132
	svc #0
	mov x0, #4
	adrp x1, sigact
	add x1, x1, :lo12:sigact
	mov x2, #0
	mov x3, #8
	mov x8, #134
	svc #0
	mov x0, #5
	adrp x1, sigact
	add x1, x1, :lo12:sigact
	mov x2, #0
	mov x3, #8
	mov x8, #134
	svc #0
	mov x0, #7
	adrp x1, sigact
	add x1, x1, :lo12:sigact
	mov x2, #0
	mov x3, #8
	mov x8, #134
	svc #0
	mov x0, #8
	adrp x1, sigact
	add x1, x1, :lo12:sigact
	mov x2, #0
	mov x3, #8
	mov x8, #134
	svc #0
	mov x0, #11
	adrp x1, sigact
	add x1, x1, :lo12:sigact
	mov x2, #0
	mov x3, #8
	mov x8, #134
	svc #0
	b .Lseq0
handler:
	adrp x3, dump
	add x3, x3, :lo12:dump
	str x0, [x3, #0]
	ldr x4, [x2, #440]
	adrp x5, cur_start
	ldr x5, [x5, :lo12:cur_start]
	sub x4, x4, x5
	str x4, [x3, #8]
	adrp x5, cur_save
	ldr x5, [x5, :lo12:cur_save]
	str x5, [x2, #440]
	ret
restorer:
	mov x8, #139
	svc #0
.Lseq1:
	mov x0, #0
	mov x8, #93
	svc #0
	.data
	.balign 16
sigact:	.dword handler, 0x0c000004, restorer, 0
altstack_desc:	.dword altstack, 0, 65536
cur_start:	.dword 0
cur_save:	.dword 0
	.bss
	.balign 16
altstack:	.zero 65536
dump:	.zero 4976
scratch:	.zero 4160
	.text
.Lseq0:
	adr x0, .Lsave0
	adrp x1, cur_save
	str x0, [x1, :lo12:cur_save]
	adr x0, .Lu0_0
	adrp x1, cur_start
	str x0, [x1, :lo12:cur_start]
	clrex
	adrp x0, state0
	add x0, x0, :lo12:state0
	add x2, x0, #816
	adrp x3, scratch
	add x3, x3, :lo12:scratch
	mov x4, #260
1:	ldr q0, [x2], #16
	str q0, [x3], #16
	subs x4, x4, #1
	b.ne 1b
	ldr x1, [x0, #272]
	msr nzcv, x1
	ldr x1, [x0, #280]
	msr fpcr, x1
	ldr x1, [x0, #288]
	msr fpsr, x1
	add x1, x0, #304
	ldp q0, q1, [x1], #32
	ldp q2, q3, [x1], #32
	ldp q4, q5, [x1], #32
	ldp q6, q7, [x1], #32
	ldp q8, q9, [x1], #32
	ldp q10, q11, [x1], #32
	ldp q12, q13, [x1], #32
	ldp q14, q15, [x1], #32
	ldp q16, q17, [x1], #32
	ldp q18, q19, [x1], #32
	ldp q20, q21, [x1], #32
	ldp q22, q23, [x1], #32
	ldp q24, q25, [x1], #32
	ldp q26, q27, [x1], #32
	ldp q28, q29, [x1], #32
	ldp q30, q31, [x1], #32
	ldr x1, [x0, #264]
	mov sp, x1
	ldp x2, x3, [x0, #32]
	ldp x4, x5, [x0, #48]
	ldp x6, x7, [x0, #64]
	ldp x8, x9, [x0, #80]
	ldp x10, x11, [x0, #96]
	ldp x12, x13, [x0, #112]
	ldp x14, x15, [x0, #128]
	ldp x16, x17, [x0, #144]
	ldp x18, x19, [x0, #160]
	ldp x20, x21, [x0, #176]
	ldp x22, x23, [x0, #192]
	ldp x24, x25, [x0, #208]
	ldp x26, x27, [x0, #224]
	ldp x28, x29, [x0, #240]
	ldr x30, [x0, #256]
	ldr x1, [x0, #24]
	ldr x0, [x0, #16]
.Lu0_0:
	.inst 0x7e6169fe
.Lu0_1:
.Lsave0:
	msr tpidr_el0, x0
	adrp x0, dump
	add x0, x0, :lo12:dump
	str x1, [x0, #24]
	stp x2, x3, [x0, #32]
	stp x4, x5, [x0, #48]
	stp x6, x7, [x0, #64]
	stp x8, x9, [x0, #80]
	stp x10, x11, [x0, #96]
	stp x12, x13, [x0, #112]
	stp x14, x15, [x0, #128]
	stp x16, x17, [x0, #144]
	stp x18, x19, [x0, #160]
	stp x20, x21, [x0, #176]
	stp x22, x23, [x0, #192]
	stp x24, x25, [x0, #208]
	stp x26, x27, [x0, #224]
	stp x28, x29, [x0, #240]
	str x30, [x0, #256]
	mrs x1, tpidr_el0
	str x1, [x0, #16]
	mov x1, sp
	str x1, [x0, #264]
	mrs x1, nzcv
	str x1, [x0, #272]
	mrs x1, fpcr
	str x1, [x0, #280]
	mrs x1, fpsr
	str x1, [x0, #288]
	add x1, x0, #304
	stp q0, q1, [x1], #32
	stp q2, q3, [x1], #32
	stp q4, q5, [x1], #32
	stp q6, q7, [x1], #32
	stp q8, q9, [x1], #32
	stp q10, q11, [x1], #32
	stp q12, q13, [x1], #32
	stp q14, q15, [x1], #32
	stp q16, q17, [x1], #32
	stp q18, q19, [x1], #32
	stp q20, q21, [x1], #32
	stp q22, q23, [x1], #32
	stp q24, q25, [x1], #32
	stp q26, q27, [x1], #32
	stp q28, q29, [x1], #32
	stp q30, q31, [x1], #32
	adrp x2, scratch
	add x2, x2, :lo12:scratch
	add x3, x0, #816
	mov x4, #260
1:	ldr q0, [x2], #16
	str q0, [x3], #16
	subs x4, x4, #1
	b.ne 1b
	mov x1, x0
	mov x0, #1
	mov x2, #4976
	mov x8, #64
	svc #0
	adrp x0, dump
	add x0, x0, :lo12:dump
	stp xzr, xzr, [x0]
	b .Lseq1
	.data
	.balign 16
	.balign 16
state0:
	.8byte 0, 0
	.8byte 0xb3e9ec12effa6834, 0xffffffff4f000000, 0x7fefffffffffffff, 0xffffffff00000001
	.8byte 0x69188e4a38bdd55c, 0xfff8000000000001, 0x0000000000000000, 0xffffffff7fffffff
	.8byte 0xd3d3d179621672a5, 0x475ce68526a93d1f, 0x0000000000000000, 0x36c451cc9d357b19
	.8byte 0x23d3fd67e09c2a6f, 0xe5e89ec76dea3872, 0xb21eb15d732c187f, 0x2f7d2b21d6cf2eec
	.8byte 0xffffffff7fc00000, 0xe206c6b427e1974b, 0x92310af626d12dc2, 0x00000000ff800000
	.8byte 0xfff0000000000000, 0x0000000000000001, 0x7fefffffffffffff, 0x7ff4000000000000
	.8byte 0x91babc7da2a49d7a, 0xf4917dca005bb0a8, 0x0000000000000001, 0x53128fb702643b28
	.8byte 0xffffffffffffffff, 0xffffffff3f800000, 0x11f7b38a01dbcaa1
	.8byte 0x8e8969a1df7bfb27
	.8byte 0xf0000000, 0x1400000, 0x8000093, 0
	.8byte 0x7ff0000000000000, 0x8000000000000000, 0xd4e19c4664f737a3, 0x7ff0000000000000
	.8byte 0x979ef00ff85e60ce, 0x3deb4a717a7fcee7, 0x7ff8000000000000, 0xffffffff4f000000
	.8byte 0x9124bd5d3dab0b14, 0xffffffff00000001, 0x58c364f7908a0367, 0x000000007f7fffff
	.8byte 0x84c2787ef662cbe9, 0x00dc01151b4b2a3b, 0x54a6eb725a5d08b0, 0xa82d1fe086b7e59d
	.8byte 0xc9c21d09546dc017, 0x7ff8000000000000, 0xffffffff7fffffff, 0x429f2fc4302cea55
	.8byte 0xffffffffffffffff, 0xbb59059c868ebac9, 0x000000007fffffff, 0xd9beb7aecba4d8df
	.8byte 0x0000000000000000, 0xa78645a67bbf4b64, 0x2bc3337e1c3fcecb, 0x000000007f7fffff
	.8byte 0x04dbfd704b43dba1, 0x7ff4000000000000, 0x921b760702be0951, 0x807754f3a0f10e9d
	.8byte 0x7ff4000000000000, 0x000fffffffffffff, 0x6071b27e6facf2ec, 0x000000007f7fffff
	.8byte 0x000000007f7fffff, 0x60767ba0e1929e57, 0x66eb86ea7bf80019, 0x0000000000000002
	.8byte 0x0000000000000000, 0x0000000080000000, 0x0000000080000000, 0x9c6b7dc385970cb0
	.8byte 0x8e44cbb6a2a4acdc, 0x0000000000000001, 0x46fa6701f7b191c3, 0x7595c86780dc83de
	.8byte 0xffffffff80000000, 0x46ed65b399c55c5a, 0x5dbb7492f9d45445, 0xb89a26c00af3ceef
	.8byte 0xffffffff80000000, 0xffffffff7f800000, 0xfa332d55dad5871d, 0x1b937161f43d9e0e
	.8byte 0x00000000ff800000, 0x33aa39d07367f0c2, 0xffffffff7fffffff, 0x51bb3153e9ab851f
	.8byte 0xffffffff7fa00000, 0xc57056838f40334f, 0xfff0000000000000, 0xffffffff80000000
	.8byte 0x3738846445ce97f8, 0x4b0c6f6ea3ab87ec, 0xf45013f62701f60f, 0x19e4768ea1c88393
	.8byte 0x39ecb1f4a4507732, 0xb7c6c46970861181, 0x3366348f7713bd26, 0x9a113b973aa1bd60
	.8byte 0x547cc5eaef4e4e21, 0x218e24780c4f0143, 0xf1abd59a38d3b8a6, 0x51d0721aa481cb36
	.8byte 0xb1b4c3d9befa2e99, 0xd56f1ce7554f2fd7, 0xf8ff7984659d5f42, 0x8ffb65a8790c2520
	.8byte 0x1804c97e055e9138, 0x891022ddce51b73e, 0x0ffe14f9b91dab57, 0x53e736ab91377006
	.8byte 0x0423d4d9d1b6617c, 0x793908ebe189af36, 0x7ca05427e05a78ee, 0xe0f63360e3dbe10d
	.8byte 0xa240d1f69172f8d3, 0xc47e97ba0eaa960f, 0x040729e76e8725fe, 0x148f4234cfeed39d
	.8byte 0x76150311c8e391ab, 0x8110101b314d7f33, 0x32ae595fc271b82c, 0xc2e66a41294b7c3d
	.8byte 0x254221dba89e52d5, 0x3af980558c270866, 0xc12b24cb473fbb69, 0xb188480ac64c0e89
	.8byte 0xa97e03e4d3cabbb8, 0x8cbe561a75c119ef, 0xc7325eaba72d0416, 0xf0b920e72b9b7d0b
	.8byte 0x0ac54f09765f288f, 0x2cb15e7ba58aba8a, 0x5bfe08a92eefe2ba, 0x0f54bebb9b21d556
	.8byte 0x6390ebd6d8d6f48b, 0x92e63b849ad2be74, 0x54e69c22b4e44f9d, 0x8c924745a1b09da6
	.8byte 0xf8ae2809df6708a8, 0x695bb0759b1da41b, 0x349278face5507a0, 0x6752611b735a0837
	.8byte 0x7366d4948fbdd3f8, 0x099f6f8388bc8976, 0xc7d1a0de57b574a6, 0x0a034c91adc06ba3
	.8byte 0x656e33ea311a921e, 0x9d2825a92d0767e1, 0x5e05803a02caccba, 0xf0f353441739d5a0
	.8byte 0xd41970aa0dcbbed3, 0x5d4151072e7887b8, 0xc03fc5fe99b0d95e, 0xaf7d8b0f73a5ce83
	.8byte 0x95add70461d64291, 0x0a56e862514d036a, 0xc706c724e844debf, 0xb87304b2547b5aa5
	.8byte 0xa34981564d4536f0, 0xec78830d6c83d777, 0x3bdd71f6ece23916, 0x4e2050101a511dfa
	.8byte 0x465ae462dab3af64, 0xbfa6bb7d57f521bd, 0x8f2945656fca04c4, 0xc6658fda2de3ce8a
	.8byte 0xa6fdb2c5c09a7ab2, 0x505cec0f774513f2, 0xcbcfba4f42db3776, 0x33ec46047eca0d9d
	.8byte 0x012b42f7d1f46b28, 0xaf48a2333eec79d5, 0x5c62cd66a5b0af86, 0x8ae2230a98684991
	.8byte 0x8f0f092ba349a00e, 0xadfa2b52bef71593, 0x35d2ff88ed62a13c, 0x794fea6c84d7a51e
	.8byte 0xdfaa8d4d31f3e2f4, 0x49fdfcf9ac772513, 0xbccc1858de327ee0, 0x417cd1fdc0d38d5a
	.8byte 0x8fe968706809516e, 0xb10011674831e151, 0xd5f8632d1f1b27a7, 0xbc1c47ec070caa2c
	.8byte 0xa32dede2e75c4590, 0x1d8b00cd17ebd1b9, 0x14b48b1775aa58d1, 0x83982d44d265d983
	.8byte 0x08f83e9e9763223b, 0x7ff0a58e5ec60da2, 0x911a69f477de8e4e, 0x13787b0a88e1bddd
	.8byte 0x5a3040a568f8e71e, 0xa2f0035ce91cdbd0, 0x32ad5bf5722dc67c, 0x20ef0cc8a41b1123
	.8byte 0x1e64effc45a2c9ad, 0xf76753b4fd62a6e3, 0x8f89506a6023fa63, 0x8f56a8211796cb76
	.8byte 0x1c93fa3698a5f508, 0xc2093b0d017fc86c, 0x6693ba3b3f6be448, 0xd139e5564f8b8a26
	.8byte 0x5130dc02e1e41e57, 0x32df063175c472ae, 0xdec050f5ce244a04, 0x7a55a9330521d8e5
	.8byte 0x46885eb5f94b1534, 0x621926c7ca1df5ac, 0x156875f568e8031c, 0x080d228f3463c952
	.8byte 0x3698ff528b65b830, 0x9863ece247ade9f0, 0x5196203e0a25c2d4, 0xb313b72b26c1f256
	.8byte 0x16d7eea56b48012e, 0xc651661e703db41b, 0x770913514e28a103, 0xab711297cdeb0771
	.8byte 0x012af18ef9c8a493, 0xf10c9763e755cfd2, 0x7d4073eb1ecdac81, 0x9c54f5f0b51f7c6d
	.8byte 0x3c9635305135bf35, 0x724d63d3f75f7721, 0xf5ae60f859d6bbf4, 0x366a5317881c4820
	.8byte 0xeca44278150e678d, 0x8429a32be7a52381, 0x3986be2dacd3edd4, 0x4e9d5f2795d3afbe
	.8byte 0x8b276dd7cbb1056e, 0x7d32dd7a603c6263, 0x9790e9675ca6cb37, 0xedfc687eb802fba8
	.8byte 0x3ad236901a170863, 0xd5c2f3d864404bbd, 0x6a462e87d4619b55, 0x3552ce3f4c4f88fa
	.8byte 0xa897a6f1ef280602, 0x506a53b6c8c5e6f2, 0x2e1180f69f5c166f, 0x01362b02f8bcd79c
	.8byte 0xf86c54a9ed9f8c5d, 0x3c0e80ed26abbf2f, 0xb6362b20f612a7ef, 0x19743730cb6a1d73
	.8byte 0xe5ab524470e6c4dd, 0x6b8ab3a47bccc174, 0xdac054378cda1d4a, 0x663406906468980c
	.8byte 0xdabfe3d3b673f717, 0xf9ff92cb752c0204, 0x760f5e8fc2d21227, 0xc4efc8fae31cf8d2
	.8byte 0x4dd38585a445eb24, 0x3ede1712607bd305, 0xdf642068bd773c1a, 0x1e11aa722c201494
	.8byte 0xbd5b09d03d1fe205, 0x72e38f39c734a878, 0xe63fc869502df312, 0xe40935672ca32565
	.8byte 0xb4bf71ea21670840, 0xd9d9233b61df8827, 0x97abac1cd6b0b00e, 0x4e7122e1d8d65bb0
	.8byte 0x5665e404210b59a6, 0xe28240687a4cb654, 0xd236d58eb8293879, 0x6e7e994d865bab73
	.8byte 0x49a66d94ee89ca55, 0x6dce51404dd87ed5, 0xfe3f2a197539cdaf, 0xa3e0fcfedbe97bcd
	.8byte 0x536304ff326ff8bc, 0x7bd8559133f8864c, 0x4705114ccaa70c63, 0xd16c030d63bd716f
	.8byte 0x1c96fe96af54cd9a, 0x78cc27a3c82e589c, 0xc25f1f17a6880db1, 0xa39a2e671e6e58a4
	.8byte 0xd14fa5b46ce1cfa8, 0x8dd7438bd43fa04e, 0x355363934c35dab2, 0x5ec4630cfd1171e5
	.8byte 0x5d7390541a3dfd94, 0x1563270122e59fa1, 0xe62d04794c9d4a63, 0xf11d2659d633dad9
	.8byte 0x885be3791c3280ca, 0xe7567384ae1f0309, 0xe02741fda04555f4, 0xd88a11b5e73eface
	.8byte 0x2cb7c7d899699e47, 0x785f8a81ab342005, 0x5ddb55a3254ab5e3, 0x619088b98f0713de
	.8byte 0x26b2cf68265b0747, 0x00e589dc135ebaee, 0xd81ad6bc9f1eb766, 0x04c6f0071e733565
	.8byte 0xfd68960a61509040, 0x6dde30c04a062410, 0x3d4e7194732f2805, 0xd6af60c47a1ac8cd
	.8byte 0x97492c943ab50fda, 0x02478d977a2d98c8, 0x185f7fcafcadb68e, 0xc46336b6e1d228bb
	.8byte 0x871f1fbdfadca286, 0x098dbd8e8a191c87, 0xdf26c1e4d83c4b55, 0xfb236d7e8b54c984
	.8byte 0xace21e343e3deb38, 0x7439879cd66fb01e, 0x2723cd8f5641d651, 0x96d4b6b3d4b50212
	.8byte 0x403faf2661a0a8e0, 0x3183d1816764a53c, 0xdd87770c4eca4231, 0x124e931bf9a1b6cb
	.8byte 0x274b1b69d84f1450, 0x257dc919de85e4ae, 0xf2ed464b699c0b93, 0x1ce9a2ddfea1f9f1
	.8byte 0x239c1936ee87c840, 0x5872ebe6dbd372c9, 0xd3cb56b689cfbf67, 0xdea2a7b36a6a07e1
	.8byte 0x27648f96710e8539, 0x30da06673910f157, 0x38bb7a02cd6d0a1e, 0x127586c0a2227a1c
	.8byte 0xd026e036f0a1634a, 0xf18fa6df1c7072e3, 0x46facfb9f6ed9f5b, 0xb766332c758755a1
	.8byte 0xdca704d7de0efeee, 0x9e4c67f66c2782e4, 0x3da269ae5e933965, 0xc87689586538453a
	.8byte 0x82f149e8f3bd30ac, 0x36eec2d50f9c292c, 0xd5a1ba7bc3fb9e67, 0xa2fc3c123468bb73
	.8byte 0x1bd5b3ea3b78def2, 0x302b5f0259c200ca, 0xb68886c9edba43c7, 0x269970b8c5f3f797
	.8byte 0xa06c3bdaaa68609a, 0x3eb2433df998d0de, 0xefc39b4a3b3edaff, 0x6108be3805db2746
	.8byte 0xf47f8c2f23d6ce5d, 0x6a24b2a0388defed, 0x35cb438abe3b1d2e, 0x2a9ca6fa93473dd3
	.8byte 0xca73cda9f13b74b0, 0xe15356dffa798eeb, 0x4874ca6214767e87, 0x5036a6043d989297
	.8byte 0xe9f2939dc3448178, 0x68352f0973d4de91, 0xd8867a2972e72584, 0x405384a8cd3c1e67
	.8byte 0x1122593f3b638de0, 0xa337a1fe1921e986, 0xa3c8a847a0c8b7d5, 0x19224a3cddc1536c
	.8byte 0xb8bc00cbd637f353, 0x51b8458d8db2fec5, 0x67f206268ea8dbf9, 0xaec1029f978c1c3b
	.8byte 0x259a7df75acd060a, 0x6e5f0badd971407c, 0x5223f33416851879, 0xb3ba1df806c27026
	.8byte 0x1fab156d28d5f813, 0x7f5376e605a9bf8d, 0xc2e7d7540958de08, 0x841fbd5448d3a49e
	.8byte 0x2f0dc7b4885fffd7, 0xe285570420c0f1db, 0xe364734347a5291a, 0x51684a13cf11bf92
	.8byte 0x56b80d5dc6c8aec3, 0xbc0d1bf45a4b03cf, 0x3770f8de861d9fd7, 0xd84f05b2684a0ad0
	.8byte 0x53726f7c4a88ba02, 0x4b89ced790e9eb4c, 0xaf5dbf6e26d0a296, 0xe9f0431b6cfd1cf9
	.8byte 0x63397d72465e1587, 0xd22d0400bd11c084, 0x5121ccb99ee2a2dc, 0xec342b9bd049bbc3
	.8byte 0x84435448a178421f, 0xaafe4f72d9c37cc6, 0x3a16109b8d09d6db, 0x5e1c70e57839bc07
	.8byte 0x3385bddea4bd1da3, 0xdefa7ce03e81a580, 0x425fcafd25f72e52, 0x146295f5c586630f
	.8byte 0xc2115d1ce2850e36, 0x6534a8fce5c8ca8c, 0xe94c532014054e97, 0x758f1887e48047fe
	.8byte 0x8292378de9341b70, 0x613bc99ce718ddd4, 0xfda08f5144e4d97c, 0x1438c58799885b1c
	.8byte 0x31333060e84cac16, 0xbba7308cba8321c2, 0xdbfb7b7345675c7a, 0xe0382eb500b639b7
	.8byte 0xe85ae6fd43bd90a3, 0xedcf3ac95268c521, 0x3a9fe7733af16241, 0xb154c410444bffc7
	.8byte 0xa557dfa7944b5e96, 0x9db6f5b50cbab256, 0xd0ec353824a0a499, 0xc150f34383aaa4a6
	.8byte 0x30d618572e96c22b, 0x1fe34e28170f5fd9, 0xa7bac12409e5b5b8, 0xda16a704a6be0eb9
	.8byte 0x6b1e7b23be028a5a, 0xe1ee8c0a03bd4e47, 0xa9eb791be0698108, 0xd9985970830495eb
	.8byte 0x078a4de56c55a01e, 0x72e7a1abad675f4f, 0x067e2422b318e188, 0x612d08549e5323d2
	.8byte 0x81d1ae49c8260f34, 0x6da8da9cbeb2bc5d, 0xdba3dd7c45a7cb50, 0x8c8f70c08fab12ef
	.8byte 0x436a57eea7baa98d, 0x4d9e121e939ce630, 0xf0a8cf1c2e2e9cfc, 0x0058463ff2e9b7f5
	.8byte 0xb1130fd8fe53c140, 0xc67de29834e401ef, 0x02de5c514f37120d, 0xd7eb199f6ebae1ad
	.8byte 0x31fcda292b738dad, 0xa60f12e644c6cacd, 0x909b223018f4de08, 0x92987aba329f37ae
	.8byte 0xf0311a0fe78b7693, 0xc0b53a167e25257b, 0x5c30bed1b8154c8c, 0x38f3ff746706f1d8
	.8byte 0x6d038053567d570f, 0x317146d282f6cd68, 0xd6473d8d481487c2, 0xb2ce169edbc6e1d1
	.8byte 0xc79cd3eac27c9d73, 0x3d22497226811bf9, 0xa2713d4aee12141f, 0x5457d9e7779fbb69
	.8byte 0x331ba56c34171add, 0x46f8a03d98520def, 0x28bfa4619c041971, 0x8ed338b93fe6b9f3
	.8byte 0x52d95d726c276dd5, 0x611dd34ad7816933, 0xb97a5aa3567c8cee, 0x82311767abf413a0
	.8byte 0xbf1b44c16dccccf1, 0xef694227b033065a, 0x6d80f35f272c970d, 0x714f909bcc7ece9c
	.8byte 0x2daedb27c6c04670, 0x8e9e8d43797e28a1, 0x5b063b9b3ceb768c, 0x86912760efdf78a7
	.8byte 0x5df2ca5c486267b9, 0x128c0774de90db46, 0x1297aafe8dd61abe, 0xddcf131a39b3ded9
	.8byte 0x49433bdacca86001, 0xae493f57da4241e2, 0xd3814bd313d05ec2, 0x029fc8f5bd486189
	.8byte 0x5b7d517dadb48251, 0xe883d479989dd86d, 0xc1ab886732cb104c, 0x78a0b4d022421b61
	.8byte 0xee932ae5e61ae826, 0x86c9318f9be8d867, 0x009d02c7240d2c95, 0x9f61ee3dd581615d
	.8byte 0x2adc9cab173ee532, 0xf8eec27df177b0ce, 0x0526bb83ad0212bf, 0xa89d0850822094bd
	.8byte 0x77c44d3aca99c653, 0x79559c16d5c76977, 0x906c341732fe9434, 0x53b6642cfc0e65cc
	.8byte 0x2220308291d8c669, 0xf77bf24022992e4e, 0x2021f1af2e53ed3e, 0x061ee78c7e85cf16
	.8byte 0x0862245f6b25065d, 0xa0c9c072e0055cd3, 0x53a2bda8667eaa00, 0xb4a3bef4b231529a
	.8byte 0xfdbc48c22acad98e, 0x6b2ae73061bcd1df, 0x21e1ef8c5c224fba, 0x908324b5ea3a8d8b
	.8byte 0x7293b7cf9e1a367c, 0x137705b586a27f2f, 0x7667059caca7e777, 0xb0d7dcd6207ff61d
	.8byte 0x5dfb99c988dac5c4, 0x2ca400b736c870ab, 0x381776f992a22312, 0x1f51199e9094d7e6
	.8byte 0x96e967e7bddadb14, 0xaeefc2f2dd0ba312, 0x0f6966773f3b4473, 0x7b265ae36c9772ce
	.8byte 0x76c5fb0b447ff94b, 0xb9193fe7d3bf1c5b, 0x8f87430c806c09cc, 0x35d3789ae14728f6
	.8byte 0x9c865689f8a2ece4, 0x150f4922022e3fd9, 0x5d8fb3d1e22ea562, 0x4a70919ffa485d70
	.8byte 0x7cdaf734d89264e0, 0x94cccdc173be079a, 0xeba90c7c488b6124, 0xb4b6f073cfbe1eb5
	.8byte 0xc1b97646f4de896d, 0xfbd33e0d01fc53a0, 0x9e64b0b90feae1c4, 0x600c6fbbf4cf06fb
	.8byte 0xe2bd24b3d9c3f9ee, 0xd9462bca7938632a, 0xee4000900858e261, 0x55bfb80e00a06a64
	.8byte 0x7607e053c69f906b, 0xf62cae9e6aec7a2b, 0x6bc7bb2b8e3784d1, 0x49451043bf3f3019
	.8byte 0x87783725fd4acf19, 0x8c41b742b7671230, 0xebc5b70c6d915425, 0xa0e0441e313550d7
	.8byte 0x11c96eb5d7b4fec5, 0xbd6ebf6410976462, 0x7f0d26949a41c4b6, 0x40aff7b3f095cae2
	.8byte 0xcb968c6cd054b27d, 0xf0d12125dd5e7dc7, 0x6947af8d8fdeff0a, 0x74ec7772f2c8407a
	.8byte 0xd98212f93d37d0d3, 0x23a03712e7a62ac0, 0x22e36ce919c693f0, 0xf4f37624b66fb9f2
	.8byte 0x2cfa9c8a1fd88627, 0x63500ec0bb76579c, 0x2213a38f5902a3fd, 0x3c887f25a6fb4d36
	.8byte 0xb874159b309064d6, 0x357b0018f108aead, 0xe5242b04f44384fd, 0x1979fdc09f899306
	.8byte 0x40d4697878f1989e, 0x62d9b226a232dca4, 0x1679e5112f2c8f5e, 0x8eefaf05c180e7f0
	.8byte 0x3e522ce96263153c, 0x2e10942c29d60a75, 0x92519f6c84bb36ca, 0x3b3470a4968f92ca
	.8byte 0x22c48845d20ee6f1, 0xfd95e53c5f274cb3, 0x8b205ac633256e89, 0x1490f5622803b33a
	.8byte 0xbea95f592a2e6cc3, 0x2638701d50bb4a5d, 0xaef4e8cec1a04101, 0x499528bbb2532c11
	.8byte 0xd12c4ee5e1aa4aeb, 0xa315431e652b0994, 0x594d21ef90b8961b, 0xa46e237574f966d4
	.8byte 0x51cce89ed94b86a3, 0x5797325c89e7277c, 0x2adcad9f0e44e035, 0x25c40da9429ddc04
	.8byte 0x25016474dffde854, 0xf1ea3bfdf96e0b40, 0x52c47a78a4abaf54, 0x0f5f55c480ed830a
