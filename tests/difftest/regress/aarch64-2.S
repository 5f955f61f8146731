/* difftest regression aarch64-2: the case file it was emitted from:
 * isa aarch64
 * seq 5679016930569442611 50
 * u 389 0x4e216b7c 0
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
	.inst 0x4e216b7c
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
	.8byte 0x743b178e61e64c3e, 0x0000000000000000, 0x84f734b6a3514986, 0x8000800080008000
	.8byte 0x74414549223b4a68, 0xe46b3705dddbfe67, 0x64700d28788ea8c1, 0x17284a7f75636159
	.8byte 0xc1114fd7d0576200, 0x4f21b3752edd127d, 0x000fffffffffffff, 0xffffffff00000001
	.8byte 0xfff8000000000001, 0xfff0000000000000, 0x1f8bdeccac5a80d4, 0xe347117a9fa08616
	.8byte 0xffffffff80000000, 0x0bca86d38f1e8182, 0x7ff4000000000000, 0x00000000ff800000
	.8byte 0xa1eebff02e736ad1, 0xd8c57ea0d39ddd89, 0x2622a9a46aacb070, 0xffffffff7fa00000
	.8byte 0x3ff0000000000000, 0xffffffffffffffff, 0x3c289b050a162812, 0xffffffffffffffff
	.8byte 0x3ff0000000000000, 0xe88e7aa611791804, 0x7ff8000000000000
	.8byte 0x750e98a4ed15be73
	.8byte 0x30000000, 0x5c00000, 0x800008f, 0
	.8byte 0x4c714271b264e33d, 0xb573becb1508dc13, 0x33e0b6f0078696a1, 0x0000000080000000
	.8byte 0x38b0d04ec94d7d5b, 0xfda74910b28ec840, 0x9a12f53d16a9e28d, 0xffffffffffffffff
	.8byte 0x213ed8666be6e885, 0x86365222dc83799e, 0xffffffff7fa00000, 0x90250e4fb94b20b3
	.8byte 0x66e5d14189a15a9f, 0xffffffff3f800000, 0x8b38184305b16919, 0xefa731fb24a586d7
	.8byte 0xffffffff3f800000, 0x7a1de4c3ba2d5a54, 0x43e0000000000000, 0x7ff0000000000000
	.8byte 0x7ff8000000000000, 0x1747388f0c15504b, 0xc358dd8cf2b1a3b1, 0xbf98b9e80d3c970e
	.8byte 0xc1d7779e4700ec3f, 0x80b118f09861fa57, 0xbac913c09c9c2825, 0x000fffffffffffff
	.8byte 0xcda92be40ba548a8, 0x4c3577ea5e41aeef, 0x0000000000000000, 0xf8ac7a2320bcd134
	.8byte 0xa51469a44e2319b3, 0xffffffff80000000, 0x9aa14277a85798cb, 0x3acad8f826d1cf93
	.8byte 0x6b45a4c1a60d101c, 0x86de763c29a1fde1, 0xffffffff7fffffff, 0x0000000000000000
	.8byte 0x902472a9c6872341, 0xb3ec542d4e92159f, 0x08bcaed32367b1ae, 0xffffffff4f000000
	.8byte 0xf9e5ab41cc21f243, 0x5d3973652df7e58c, 0x8000800080008000, 0xa21544a7f0167414
	.8byte 0x6c12c9416c420b56, 0x72ad89c56dc20ba1, 0x0000000000000002, 0x27c0ef472866465b
	.8byte 0xd9656b57b194d1c4, 0x7ff4000000000000, 0x30fe2baad30cd18a, 0xffffffff7fa00000
	.8byte 0xffffffff80000000, 0x0000000000000001, 0xffffffff7fa00000, 0xffffffff7fa00000
	.8byte 0xf30c80b68a8c3828, 0x9c68fba68407163f, 0xecd1cd4f1224a501, 0x8c458c6d8b34c640
	.8byte 0xd15c6cea05b26658, 0xef76c5c47657fad0, 0x3b21c24185013b81, 0xc4c7b309279c225f
	.8byte 0x348564ea299d8f0c, 0x23a0e53ea96ae534, 0x3f420e6af1630248, 0xa925d2959df03426
	.8byte 0x98499d3771be7619, 0x8cdf8a6e7b140c65, 0x1e4a6d79d0a6dee4, 0x555fe904b03b683e
	.8byte 0xe6485389b7255e6d, 0x61975ea8e2fbfdb8, 0x5683f3de951b8c1f, 0x12d26645a2dd84af
	.8byte 0x14099f9574db1ab6, 0x11fda82cba3b0de7, 0xa80506e0774b788e, 0x78aa18ec0105e43b
	.8byte 0xb4dd88bd171452ea, 0x4accc5702a4d06aa, 0xe07b9cfcd99d21ed, 0x512edede64f40e34
	.8byte 0x4871d6d87a1188df, 0x7586b41f82c5c61d, 0x4a90c7a6ab546070, 0xec14891112ca79a0
	.8byte 0x9df5bf6ec2a34b17, 0xb045b1989753a571, 0x861719370684142a, 0xcaef337806c3e41c
	.8byte 0x5726ab413ceb824c, 0xaba23b998225e0b1, 0x2f1a60c068910a76, 0xde8adf8846e686cb
	.8byte 0xa09cf58925f59544, 0xa064385431a8cc5d, 0x0e51b02f765a38ab, 0xb01611a2d9075807
	.8byte 0x6fd2e85965d7b67d, 0x812ee55aed21ffcc, 0x4df6d469bce2cac1, 0xd4f08bd48defa11c
	.8byte 0x8e8cac8b941160dd, 0xe55fb0a5bf2ee63a, 0x45dcf2005a1c0fe8, 0xc263a3e974f5a555
	.8byte 0x72c6a07241333d12, 0xe046c5cc3abf84d7, 0x875bbe597ca32ef0, 0xc1c6e36ddb589df3
	.8byte 0x31cf52e7bbcf9a61, 0x32a6f61728f580d3, 0xe4a125ab03721071, 0x455aee318e9288b6
	.8byte 0x996df61e33f5f290, 0xa9a0f00d5c7bba33, 0xf3184390add86f5e, 0xbbcdfda516964def
	.8byte 0xcda024a05137ae3e, 0x46cd63e8c4092d15, 0x58745d8c68b6d307, 0x93d95b35801127af
	.8byte 0x91d4afde82816a48, 0x6e05799568cde543, 0x0a58fc963fe22e15, 0x98ec6a1b46b50945
	.8byte 0xfb52612010c8130e, 0xb2c1634470692121, 0x2fd1da0b5ae0172f, 0x83dccaca9b338465
	.8byte 0xf4007f216bc2d6d1, 0xcfb56db39de16345, 0x635d5a67c748a95a, 0x02c2f944c1613bf4
	.8byte 0xdda1787a8ee808bb, 0x8430e6d22defcb63, 0x3de0d164ed67dca9, 0xf5e0c95b3e345314
	.8byte 0x05e53b4a30653c25, 0xe0cf39b3f0d791cf, 0x01fa15f8a0c77cb4, 0x65395cc69d3d8e0c
	.8byte 0x4921a69223cb6ec5, 0xebab6250257baf2f, 0x011b1bcc23d7c13d, 0xa6df8240545c0326
	.8byte 0x663173bd07a7fc21, 0x48ecfa1f8f7fce6b, 0xa9febc2ca4fb90e0, 0xfd1add304ab740b9
	.8byte 0xfd82fe422e5f094b, 0xb67575206bf8fc35, 0x8ca2a203c9d81683, 0x2f33b28292888e21
	.8byte 0xf3709c08c7c45981, 0x30319628acdd6e7b, 0x67967b46fcad0ca2, 0x55efa783f392d994
	.8byte 0x8695079ad69abae5, 0x5958237c1389aba9, 0x5d12148c2733619c, 0x439d4a2a9790108e
	.8byte 0xd858ad21cdaff58f, 0xb8798be000aa7f98, 0x528f2c5e7c790985, 0x3b87933cde1014dd
	.8byte 0x8f268a45a98eff63, 0x8a60f5af8e3b6b9d, 0xa21420b3ef4956b9, 0x2fd4e0c7aa9410e6
	.8byte 0xb9ec186927dc9403, 0x751d7a5a9e980dc5, 0x39ebd0e33a214022, 0x6d4319369c389c66
	.8byte 0xf1fc0a3051706ef7, 0x01fa04b16443c4a5, 0xba027fd90e182cc7, 0xed3affe89f6e4e50
	.8byte 0x8c51d7d67b635639, 0x3be0a8a1356679ab, 0xd77c44a38472d00f, 0x76e41fdf3541f8c9
	.8byte 0x07b51ea6be45d3ce, 0xd8f37e164b0824f4, 0xf610952afc1735d4, 0x4f520c706de95d98
	.8byte 0xbc8bc69ea9e73644, 0x109312a479296c19, 0x40980be93d8fd171, 0x170432c6ce6cc416
	.8byte 0x4e055d7c15e2897d, 0x8f4f604a8dddbb3a, 0x4ede33cb610506a9, 0x01426a38e43a6964
	.8byte 0x3bca992e1ea50811, 0x1b33ff89c326c736, 0xd3e9b7cd8322e613, 0x8be6d811604b5864
	.8byte 0x60ba57c7421e8e8a, 0x0eb1269d52923211, 0xcf5d7717f0f58035, 0x74c60c4c1470dbfd
	.8byte 0xf12cd6fb6923a048, 0xcffbf62d20067f8f, 0x36530bf307043b79, 0xe9067e435e864736
	.8byte 0x2905905b015363bc, 0x8355ba3b2abdc439, 0x6d65ccfa015e2b30, 0x5dfebb40a52846ab
	.8byte 0x095af63f6d50018f, 0xc60b0615fa266fba, 0xffcfcdbc0059956f, 0x98d4aea0ac98ebdc
	.8byte 0x06cfe3dba00b381e, 0x486b2127ddc0a7fd, 0xae6bcc8338ee6666, 0x9c617bcafa92a10d
	.8byte 0xc5f692baec9e3c7e, 0x0519cea84cc0b888, 0x645f0efcadece676, 0x65ee9697b83c648b
	.8byte 0x32f620341f1c5e48, 0x110d92ff437caa2a, 0xf66ebf0e0c7761cd, 0x1c241b9fcda21b00
	.8byte 0xfeb7a02f821535e5, 0xb596cb10ebf8bf96, 0x1eb5d23ffa415d39, 0x4e4a0cc375b6bfd8
	.8byte 0x648cadb0097cf83e, 0xbca3004425a4cbf3, 0xca3029f09d3f3ad6, 0x6eb645ce3adc57df
	.8byte 0xc67f263ba4ec9ed3, 0xa6fe4a92f67a9d0b, 0x916702b57896c6b5, 0xc2f14c9695bc5ef0
	.8byte 0x2a3026746fc8705c, 0x6d8828f3bcc06c2d, 0x6c9464bbdc4b3ba8, 0x1d75427d85e7a6fa
	.8byte 0x79d5e9dd40193496, 0x57706f8a28d4f804, 0x5caa20c00a047e06, 0x3a4f4f0100edcab5
	.8byte 0xb36093f1be7500e4, 0x9c3fd0c0b5f30f3b, 0x2bc35319603e63aa, 0x410edc3096166eed
	.8byte 0x83127b65dfdfc393, 0xdf808f9a428dfbe7, 0xd6a978039556c348, 0x0abcf6eaaa72a945
	.8byte 0x04dae72188a7403f, 0xb84d606abe5e74cd, 0x7e726e5feb07d6f7, 0x9cc3957d9958ef09
	.8byte 0xbbdecb87f9534d59, 0x142bd6a5436850b6, 0xb7b4086b97ccf096, 0xdb6a340dc523986b
	.8byte 0x2e1b861e3f4c6ee8, 0x8fc106650fa5a2f3, 0x68326842ef039ff6, 0xa381d328e6441bd9
	.8byte 0x17f55bb9f53a19c0, 0x95c4c91f03c8216d, 0xd830ba5733771ed9, 0x0b027cefb3985026
	.8byte 0x9f74360c55c5b282, 0xef46400eae9c0c49, 0xec4b3b4b1094f47e, 0xac3cc1d73e228f34
	.8byte 0x81c2c490c26d5919, 0xfd69b1cc31241088, 0x3dbf96b5364b9f00, 0xf9018989225bf6bf
	.8byte 0x78bf6f09bfca6c80, 0xd7531427e353281b, 0xce3be1d2bdcfd766, 0x70fd7c840e0e1a34
	.8byte 0x93cce4f8b049afb4, 0x90d98302fedeac9e, 0xc729050aa203eaa0, 0xee2c91be362f02bc
	.8byte 0xa0ad9cbc192d1723, 0x46b0fe1f1556bfa7, 0xc5a1b48ed3a7e2cd, 0xea8aa9497218eb06
	.8byte 0x7838f3dfe2e44316, 0xbb1d7a6bc4a6f262, 0x7b1e69e8d4813d47, 0xde361a250381bbb1
	.8byte 0x10f1c379f08d9040, 0xb55735eea3a55dd4, 0x38ee7c5ba056a29e, 0x288b646f5ed7758a
	.8byte 0x602fcc13707adbdf, 0x61261db6a76dcf88, 0xa31d25ba471b6ffc, 0x39fc066e1ac14166
	.8byte 0x855002feca5b334d, 0xa2913c32fd944262, 0x841545cc94621fd9, 0x286bc82440e33a90
	.8byte 0x2296663e56b2a31d, 0x16c1acb22f1a9248, 0x35fd63016305ada6, 0x80605a9a82f22ead
	.8byte 0xb5c3789f776a7fa5, 0xccc3f2dde2a58189, 0x03b6657adde36b70, 0x4a2ac69ca8dc57e6
	.8byte 0xa968019bb922b3e4, 0x1859c830267999ca, 0xd5d90ace56c20814, 0xa3c8b34c89b61f2d
	.8byte 0x995ae15efa699998, 0x422f3ef389a59c9f, 0xf22bda002900e894, 0xd387ac04fe9a35dc
	.8byte 0xbc9841d31eb714a9, 0x47330e938268c28d, 0xbc5bb71d265ad545, 0x49f965b0359dd264
	.8byte 0x407264df334f4b54, 0xd5701a7c78fda94c, 0x8c4b2ae65a2728ee, 0x05507928f1083497
	.8byte 0x4e534f8252e6d1cd, 0x1c66487fcbd19406, 0xa40463a30f8b1ab1, 0xd5198a3c67e2f625
	.8byte 0xb86f1f37147a222a, 0x440d464e8683bcc7, 0x471305e4bf58edf9, 0xb1c7ff2615acae10
	.8byte 0x506480db6d53a315, 0xb561aed02d85bd15, 0x32386696e458d2a9, 0x3da49fc08736b27e
	.8byte 0x72989586bf86a223, 0xf0195acd44aa7f8d, 0x9bd87a1ca18925cb, 0x5f4d560f14c2e220
	.8byte 0xbbeea6db6a3e2a07, 0xb13eede4b85d8d06, 0xdf09ce5e6dff2dfa, 0x9b6f608a8d36464d
	.8byte 0x1697f93e40273b9e, 0x7a6f7c58835d3afb, 0xf9e98ea3bdb2c094, 0xcf73b9acc9e3cea8
	.8byte 0x76172f758cdfa24d, 0x3b2a095b46bf1db2, 0x14155c026b6d512f, 0x41c693caea2d9001
	.8byte 0x8a6aef0562dff6ef, 0xc039e8bb814ba6b7, 0xbbb7a9a1dbea27d7, 0xc8f467bfebf76fea
	.8byte 0x08b264e2235d3ae8, 0xc581d7d9f3fb2273, 0xe2d3fcac8a48388b, 0x128592b69639d162
	.8byte 0xe214eeb9258183e9, 0x262886fa60988555, 0x03190c2316d50cb4, 0xb5bf550891dde0d9
	.8byte 0x78e1e115df13c717, 0x906e79102aa74430, 0x5c8033b5454ac4b2, 0xc63db76703af8753
	.8byte 0x9d3e3a09abdde2f2, 0x7667cd108f494ce9, 0x332c3801f002bc70, 0x0c982ccb1018719e
	.8byte 0x48776ed7703ae5d1, 0x1aec1ed10c91981c, 0xe35a6266ed0202f3, 0xb041f22216815c81
	.8byte 0x387ac1f53be5e8d5, 0xa66564784412c25b, 0x23f71de628deed0a, 0x4ebe75ef21316cdf
	.8byte 0x55cb22802fb85e00, 0x260c3160cd7e37fa, 0x5c16755638d7dae2, 0x51d90f953de8fa1b
	.8byte 0x0ec36b853e188361, 0x92b2e17aba56170f, 0x87ce19d225f4abf6, 0x9b91123e9755dda1
	.8byte 0xe9bd4c9cec4ba3c9, 0xff84725e119cd4d3, 0x85e85b72b7d6c4d1, 0x3462243f6c9f52f7
	.8byte 0xf72e1c77827d398d, 0x3c8631bcf4804bca, 0x0dd4572cea8f78b8, 0xfbd6aea0fdd6732e
	.8byte 0x7fc0d6102ec54a6d, 0x22f14cdcca734302, 0x0f6547eb1cec55e3, 0x9e9230388034a48a
	.8byte 0xd8f69ea1b827fd22, 0x5d4c4ca57fa7687e, 0x33a3ea4a87e3fb74, 0x4e148c937bf8d0c2
	.8byte 0xc827b0241baa93d7, 0xd7e0459806cffb76, 0x551410ff908168c8, 0xaf1227f72da2056f
	.8byte 0x026d0a5b26720fb5, 0x08aa95bbc7968b56, 0x40762532409f4b99, 0xbfbd9508b4715e88
	.8byte 0xdbcaec079d97b258, 0x35b60b2ad66bbef8, 0x49f23e5f394b66c6, 0x14318cacba6b18bf
	.8byte 0x93ce252692957da9, 0x7b70f80848559951, 0x0707e6d309d3c427, 0x55877f63d023858c
	.8byte 0x57a4c729fe1f8e37, 0x96aebb953e5ea515, 0xb5b1bb2e3995912e, 0x07e2ea229662e2d4
	.8byte 0x8308759af055047a, 0xbd2c8bb7df40a178, 0x39fb4aa6ade236c4, 0xb8f405e0cf23e3d2
	.8byte 0x0dfa6bf2884537ec, 0xe30eefc40d768365, 0x833d022846368bcb, 0x93587ebdd2306dfe
	.8byte 0x3d025222b3c1747e, 0x1c97215eff6a4ece, 0xfbd9b19b6eb87dff, 0x2d3184740b97059c
	.8byte 0xa82df1fc9ef6cda6, 0x782cd05d19c33958, 0xcbfea910411ccc48, 0x238170c4672e07ba
	.8byte 0xdd9e70b9e7355b05, 0xc40767f00a93f542, 0xb16676fee4d0b539, 0xe72948a16a05b3b8
	.8byte 0x6f7a187e9e1487ac, 0x2f4a2cde58e1ebcf, 0xf4c80a08ed403c76, 0x7f29e2b3611ab6f2
	.8byte 0x920ea06398e362a2, 0x1c6e23f589431b75, 0xa2cc0af964f05c1e, 0xf7dea76aafdd58a9
	.8byte 0x18d11d5df0dafa67, 0xa41cea0c469654f9, 0x5ee4509a5feb3ddc, 0xf5b86956b3f9ebb0
	.8byte 0xabf7d4091da9cbd9, 0x512097637b791a19, 0x0a7a48f969a026fb, 0xbea3a3d9d0453835
	.8byte 0xc3d573565339b377, 0x9e2380d3e20fca6b, 0x6e8a05652f9cf9b0, 0x95b1f9ea10f19be9
	.8byte 0x946db5c3a3763330, 0x7f5b245ca7aae13f, 0x5f6249a8f8bfadca, 0xc2ce1b3dfd21d734
	.8byte 0xbdcb0219860b51ab, 0x1e8837925a9ad045, 0x8a973dce02ce8470, 0x2d117960dd1f63d7
	.8byte 0xbd135426a8da40c5, 0xb88b317ce6ecee7b, 0x80d8dca671bc0615, 0x987978d26cc4fc95
	.8byte 0x7a1d6b23acd2c654, 0xe0af0725b7d51ff3, 0x934d6d8d80d4de29, 0xe50fe370627d2c95
	.8byte 0x4dee110a268c2485, 0xc2dcf94c30ecda42, 0x29db49f0f6e5a749, 0x300fd85ca773d94b
	.8byte 0xe0ea3e016dee48e4, 0x40b990a91aad3427, 0xc2c1676f8c173ead, 0xf137604c8a7012bf
	.8byte 0x9d345e05a3f464ea, 0x75c7a38f60e14839, 0xf2f3744be8a84525, 0xe5a01fa5f261b555
	.8byte 0xa8c5962217051cb8, 0xd6a0592045136344, 0xe9156dfe6f538ca5, 0xb80f4bec5bcd6ed7
	.8byte 0xfdfa7b15e809f827, 0xc578f7d44917587e, 0x16b46f0a6d0bf9e1, 0xb2ecf839d6fa579c
	.8byte 0x8ecc0a9e0eb9e506, 0x0e7bc49e3f9d081b, 0x0d02b3aebff579cf, 0x076893d1b003234c
	.8byte 0xccaa5d227c0508ab, 0x4552e3726879c5bf, 0xadbeca3adc7227c1, 0x9141f50f69cd1e34
	.8byte 0xbdcb7e5eb52fe779, 0x4bc7989c2ade0e58, 0x24c9e97dfce7aa39, 0xda4d94996306093b
	.8byte 0x4761ab451d9f2143, 0x1c0150edd23c5d1c, 0x6c3e439773199232, 0x60875c8259769aee
	.8byte 0x817bef4121a452c4, 0xf86442fdb72d13d8, 0xcd5a28ed499a51ee, 0x9410cbae1142ad82
	.8byte 0xcb8dece619d873c1, 0x7f323fc1713757ea, 0x644ea2641f6396b7, 0x937f02516bca9024
	.8byte 0x9a41708851825093, 0x47e0f5d6ba19cb23, 0xe97e0bc87904a151, 0x4b0af23d646aa1cb
	.8byte 0x11537bb1fceab705, 0x62b98ffb14f86021, 0x209c0cfd4b241ae2, 0x63035f5dde5c36d8
	.8byte 0xb98b02611b965e15, 0x5c10bf864220a9af, 0x7f61f610ee107d7e, 0x68618074a3c25b95
	.8byte 0x9fbc789cc80da13d, 0x6e2bb5e8497d1c6e, 0x54912c79bffd4f3a, 0x51a48a204b0e42e8
	.8byte 0x6f778a265ed4d71f, 0x34a3a91da4790c96, 0x01f5ee38cfe792ef, 0x11c3ccad576bc461
	.8byte 0xc10bdf65264a5afa, 0x908008118724a8e3, 0xda3d5ce6089a0653, 0xd7cbf43081c3fb83
	.8byte 0xbc8aef8b714ef8aa, 0x44805215e85ec8d7, 0x2bc90f25e4b35ac3, 0x2eb0e2cf21fbc5fb
	.8byte 0x9aed0f09c2281b28, 0x0d9e081897cae57d, 0x0959da40932ae7ca, 0xd5cc5278bea2709b
	.8byte 0xa36712fc9388f215, 0x1e41c1bceb8bfd3a, 0xe84e92eecc8100d9, 0x918403f4e0ad71c4
	.8byte 0xc49e95efa33259df, 0x9f37e4a3d64d7a3e, 0xaa7eb0d84322bddc, 0xd513bb3a23971675
	.8byte 0x021caefd5368c68a, 0x8e91c2040c2beac2, 0x32983766298a5151, 0x4b238cb76c568596
	.8byte 0x7cf0f9145633c4e7, 0x15c66c9f5e92b113, 0x2be945cdc4ff2937, 0x10df426be3690bc0
